import type { CombinedError } from '@urql/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/graphql/errors';

/** What to show while a query loads or when it failed. */
export function QueryState({ fetching, error }: { fetching: boolean; error?: CombinedError | undefined }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <div className="notice error" role="alert">
        <p>{errorMessage(error, t)}</p>
      </div>
    );
  }
  if (fetching) {
    return (
      <p className="loading" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  }
  return null;
}
