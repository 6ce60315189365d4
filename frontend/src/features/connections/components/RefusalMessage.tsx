import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Refusal } from '../refusal';

/**
 * A refused connection action, in the error region of the controls or the
 * dialog. When the viewer must first allow others to ask them, it links to
 * their consents.
 */
export function RefusalMessage({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  return (
    <p className="field-error" role="alert">
      {refusal.message}
      {refusal.reason === 'REQUESTER_PEER_CONTACT_NOT_GRANTED' ? (
        <>
          {' '}
          <Link to="/account">{t('connections.refused.openConsents')}</Link>
        </>
      ) : null}
    </p>
  );
}
