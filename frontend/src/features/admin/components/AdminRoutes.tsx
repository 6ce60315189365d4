import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes } from 'react-router';
import { Page } from '../../../components/ui/Page';
import { NotFoundPage } from '../../not-found';
import { CohortsAdminPage } from './CohortsAdminPage';
import { EnrollmentsAdminPage } from './EnrollmentsAdminPage';
import { InvitationsAdminPage } from './InvitationsAdminPage';

function AdminHome() {
  const { t } = useTranslation();
  return (
    <Page title={t('admin.title')} lead={<p>{t('admin.lead')}</p>}>
      <ul className="card-list">
        <li className="card">
          <h2 className="card-title">
            <Link to="/admin/invitations">{t('admin.invitations.title')}</Link>
          </h2>
          <p>{t('admin.invitations.lead')}</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/admin/cohorts">{t('admin.cohorts.title')}</Link>
          </h2>
          <p>{t('admin.cohorts.lead')}</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/admin/enrollments">{t('admin.enrollments.title')}</Link>
          </h2>
          <p>{t('admin.enrollments.lead')}</p>
        </li>
      </ul>
    </Page>
  );
}

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.nav')} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/admin" end>
            {t('admin.title')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/invitations">{t('admin.invitations.title')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/cohorts">{t('admin.cohorts.title')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/enrollments">{t('admin.enrollments.title')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** The staff pages: one lazily loaded chunk. */
export default function AdminRoutes() {
  return (
    <>
      <AdminNav />
      <Routes>
        <Route index element={<AdminHome />} />
        <Route path="invitations" element={<InvitationsAdminPage />} />
        <Route path="cohorts" element={<CohortsAdminPage />} />
        <Route path="enrollments" element={<EnrollmentsAdminPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
