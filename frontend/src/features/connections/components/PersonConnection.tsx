import { useTranslation } from 'react-i18next';
import { useConnectionsWith } from '../useConnectionsWith';
import { ConnectionControls } from './ConnectionControls';

/** The connect controls on a person's profile (not on one's own). */
export function PersonConnection({ person }: { person: { id: string; givenName: string; familyName: string } }) {
  const { t } = useTranslation();
  const { enabled, ready, byPerson, acceptsRequests, selfId } = useConnectionsWith([person.id]);
  if (!enabled || selfId === person.id || !ready) return null;
  return (
    <section aria-labelledby="connection-heading" className="connection-box">
      <h2 id="connection-heading">{t('connections.onProfile')}</h2>
      <ConnectionControls
        person={person}
        connection={byPerson.get(person.id)}
        acceptsRequests={acceptsRequests(person.id)}
        withBlock
      />
    </section>
  );
}
