import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { MyProfileQuery } from '../api/documents';
import { DetailsForm, type DetailsValues } from './DetailsForm';
import { PrivacyForm, type PrivacyValues } from './PrivacyForm';
import { ProfilePreview } from './ProfilePreview';

export function MyProfilePage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: MyProfileQuery });
  const [version, setVersion] = useState(0);
  const viewer = data?.viewer;
  const person = viewer?.person ?? null;
  const privacy = person?.privacy;
  // The forms start again from the server's values only when those change,
  // not whenever the cache hands out a new object (which would drop edits).
  const privacyKey = JSON.stringify(
    privacy
      ? {
          profileVisibility: privacy.profileVisibility,
          contactVisibility: privacy.contactVisibility,
          listedInDirectory: privacy.listedInDirectory,
          visibleToPartners: privacy.visibleToPartners,
        }
      : null,
  );
  const detailsKey = JSON.stringify(
    person
      ? {
          givenName: person.givenName,
          familyName: person.familyName,
          city: person.city,
          bio: person.profile?.bio ?? '',
          languages: person.profile?.languages ?? [],
          email: person.contact?.email ?? '',
          phone: person.contact?.phone ?? '',
          telegram: person.contact?.telegram ?? '',
        }
      : null,
  );
  const initialPrivacy = useMemo(() => JSON.parse(privacyKey) as PrivacyValues | null, [privacyKey]);
  const initialDetails = useMemo(() => JSON.parse(detailsKey) as DetailsValues | null, [detailsKey]);
  const saved = () => setVersion((v) => v + 1);

  return (
    <Page title={t('me.title')} lead={viewer ? <p>{t('me.signedInAs', { email: viewer.email })}</p> : null}>
      <QueryState fetching={fetching && !data} error={error} />
      {data && !person ? <p>{t('me.noPerson')}</p> : null}
      {person ? (
        <>
          <nav aria-label={t('me.onThisPage')} className="toc">
            <ul>
              <li>
                <a href="#details-heading">{t('details.title')}</a>
              </li>
              <li>
                <a href="#privacy-heading">{t('privacy.title')}</a>
              </li>
              <li>
                <a href="#preview-heading">{t('preview.title')}</a>
              </li>
              <li>
                <Link to={`/people/${person.id}`}>{t('me.openProfile')}</Link>
              </li>
            </ul>
          </nav>
          <section aria-labelledby="details-heading">
            <h2 id="details-heading">{t('details.title')}</h2>
            {initialDetails ? <DetailsForm initial={initialDetails} onSaved={saved} /> : null}
          </section>
          <section aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{t('privacy.title')}</h2>
            <p>{t('privacy.lead')}</p>
            {initialPrivacy ? <PrivacyForm initial={initialPrivacy} onSaved={saved} /> : null}
          </section>
          <ProfilePreview version={version} />
        </>
      ) : null}
    </Page>
  );
}
