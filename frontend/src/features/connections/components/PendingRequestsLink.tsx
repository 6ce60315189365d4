import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { useSession } from '../../auth';
import { PendingRequestCountQuery } from '../api/documents';
import { canConnect } from '../state';

/**
 * The header's link (a list item) to the connections page, with the number of requests
 * waiting for an answer ("Connections 2 requests waiting": the number is seen,
 * the words after it are for screen readers). The number is
 * asked again after each navigation, so a new request shows up soon.
 */
export function PendingRequestsLink() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { viewer } = useSession();
  const { pathname } = useLocation();
  const enabled = canConnect(viewer);
  const [{ data }, refresh] = useQuery({ query: PendingRequestCountQuery, pause: !enabled });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (enabled) refresh({ requestPolicy: 'network-only' });
  }, [pathname, enabled, refresh]);
  if (!enabled) return null;
  const n = data?.pendingRequestCount ?? 0;
  return (
    <li>
      <NavLink to="/connections">
        {t('nav.connections')}
        {n > 0 ? (
          <>
            {' '}
            <span className="count-badge">{formatNumber(n, lang)}</span>{' '}
            <span className="visually-hidden">{t('nav.requestsWaiting', { count: n })}</span>
          </>
        ) : null}
      </NavLink>
    </li>
  );
}
