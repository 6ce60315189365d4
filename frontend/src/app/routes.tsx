import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Page } from '../components/ui/Page';
import { AccountPage } from '../features/account';
import { ForgotPasswordPage, RequireViewer, ResetPasswordPage } from '../features/auth';
import { ConnectionsPage } from '../features/connections';
import { outcomeReaders } from '../features/outcomes';
import { SearchPage } from '../features/search';
import { RegisterPage } from '../features/auth/components/RegisterPage';
import { SignInPage } from '../features/auth/components/SignInPage';
import { CoursePage } from '../features/courses/components/CoursePage';
import { CoursesPage } from '../features/courses/components/CoursesPage';
import { DirectoryPage } from '../features/directory/components/DirectoryPage';
import { HomePage } from '../features/home/components/HomePage';
import { MyProfilePage } from '../features/me/components/MyProfilePage';
import { NotFoundPage } from '../features/not-found';
import { PartnersPage } from '../features/partners/components/PartnersPage';
import { PersonPage } from '../features/people/components/PersonPage';
import { DisplayPage } from '../features/preferences';
import { TrainersPage } from '../features/trainers/components/TrainersPage';
import { Layout } from './Layout';

// Staff pages are a separate chunk: most visitors never load them.
const AdminRoutes = lazy(() => import('../features/admin/components/AdminRoutes'));
// So are the reports and their charts.
const OutcomesPage = lazy(() => import('../features/outcomes/components/OutcomesPage'));
const ImpactPage = lazy(() => import('../features/outcomes/components/ImpactPage'));

function Loading() {
  const { t } = useTranslation();
  return <Page title={t('common.loading')} placeholder />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="people" element={<DirectoryPage />} />
        <Route path="people/:id" element={<PersonPage />} />
        <Route path="trainers" element={<TrainersPage />} />
        <Route path="courses" element={<CoursesPage />} />
        <Route path="courses/:id" element={<CoursePage />} />
        <Route path="partners" element={<PartnersPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route
          path="impact"
          element={
            <Suspense fallback={<Loading />}>
              <ImpactPage />
            </Suspense>
          }
        />
        <Route
          path="outcomes"
          element={
            <RequireViewer roles={outcomeReaders}>
              <Suspense fallback={<Loading />}>
                <OutcomesPage />
              </Suspense>
            </RequireViewer>
          }
        />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="settings" element={<DisplayPage />} />
        <Route
          path="me"
          element={
            <RequireViewer>
              <MyProfilePage />
            </RequireViewer>
          }
        />
        <Route
          path="connections"
          element={
            <RequireViewer>
              <ConnectionsPage />
            </RequireViewer>
          }
        />
        <Route
          path="account"
          element={
            <RequireViewer>
              <AccountPage />
            </RequireViewer>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireViewer staff>
              <Suspense fallback={<Loading />}>
                <AdminRoutes />
              </Suspense>
            </RequireViewer>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
