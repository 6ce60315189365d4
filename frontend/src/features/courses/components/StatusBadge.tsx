import { useTranslation } from 'react-i18next';
import type { CohortStatus } from '../../../gql/graphql';

export function StatusBadge({ status }: { status: CohortStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`courses.status.${status}`)}</span>;
}
