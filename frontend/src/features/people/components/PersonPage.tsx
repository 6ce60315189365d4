import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { PersonConnection } from '../../connections';
import { PersonQuery } from '../api/documents';
import { PersonDetails } from './PersonDetails';

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PersonQuery, variables: { id } });
  const person = data?.node?.__typename === 'Person' ? data.node : null;

  if (!person) {
    const missing = !fetching && !error && data !== undefined;
    return (
      <Page title={missing ? t('person.notFoundTitle') : t('person.title')} placeholder={!missing && !error}>
        <QueryState fetching={fetching} error={error} />
        {missing ? (
          <>
            <p>{t('person.notFound')}</p>
            <p>
              <Link to="/people">{t('person.backToDirectory')}</Link>
            </p>
          </>
        ) : null}
      </Page>
    );
  }

  return (
    <Page title={`${person.givenName} ${person.familyName}`}>
      <PersonConnection person={person} />
      <PersonDetails person={person} />
      <p>
        <Link to="/people">{t('person.backToDirectory')}</Link>
      </p>
    </Page>
  );
}
