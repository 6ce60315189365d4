import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { MyProfileQuery } from '../api/documents';
import { PrivacyForm, type PrivacyValues } from './PrivacyForm';
import { ProfilePreview } from './ProfilePreview';

export function MyProfilePage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: MyProfileQuery });
  const [version, setVersion] = useState(0);
  const viewer = data?.viewer;
  const person = viewer?.person ?? null;
  const privacy = person?.privacy;
  const initial = useMemo<PrivacyValues | null>(
    () =>
      privacy
        ? {
            profileVisibility: privacy.profileVisibility,
            contactVisibility: privacy.contactVisibility,
            listedInDirectory: privacy.listedInDirectory,
            visibleToPartners: privacy.visibleToPartners,
          }
        : null,
    [privacy],
  );

  return (
    <Page title={t('me.title')} lead={viewer ? <p>{t('me.signedInAs', { email: viewer.email })}</p> : null}>
      <QueryState fetching={fetching && !data} error={error} />
      {data && !person ? <p>{t('me.noPerson')}</p> : null}
      {person ? (
        <>
          <p>
            <Link to={`/people/${person.id}`}>{t('me.openProfile')}</Link>
          </p>
          <section aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{t('privacy.title')}</h2>
            <p>{t('privacy.lead')}</p>
            {initial ? <PrivacyForm initial={initial} onSaved={() => setVersion((v) => v + 1)} /> : null}
          </section>
          <ProfilePreview version={version} />
        </>
      ) : null}
    </Page>
  );
}
