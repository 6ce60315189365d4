import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Page } from '../components/ui/Page';
import { RequireViewer } from '../features/auth';
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
        <Route path="sign-in" element={<SignInPage />} />
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
