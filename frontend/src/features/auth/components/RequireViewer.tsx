import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Page } from '../../../components/ui/Page';
import { isStaff, useSession } from './AuthProvider';

/** Shows its children to a signed-in viewer (of a role, when asked); else sends to sign-in. */
export function RequireViewer({
  children,
  staff,
  roles,
}: {
  children: ReactNode;
  staff?: boolean;
  /** The account roles allowed, e.g. partners, staff and admins. */
  roles?: ReadonlySet<string>;
}) {
  const { viewer, loading } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  if (loading) return <Page title={t('common.loading')} placeholder />;
  if (!viewer) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if ((staff && !isStaff(viewer)) || (roles && !roles.has(viewer.role))) {
    return (
      <Page title={t('errors.forbiddenTitle')}>
        <p>{t('errors.FORBIDDEN')}</p>
      </Page>
    );
  }
  return <>{children}</>;
}
