import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../../../components/ui/QueryState';
import { useLanguage } from '../../../lib/i18n';
import { ConnectionControls, useConnectionsWith } from '../../connections';
import { SuggestedPeersQuery } from '../api/documents';
import { phraseReasons } from '../reasons';

export const suggestionCount = 6;

/** People the signed-in member may want to meet, each with why. */
export function Suggestions() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: SuggestedPeersQuery, variables: { first: suggestionCount } });
  const list = data?.suggestedPeers ?? [];
  const connections = useConnectionsWith(list.map((s) => s.person.id));

  return (
    <section aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('suggestions.title')}</h2>
      <p>{t('suggestions.lead')}</p>
      <QueryState fetching={fetching && !data} error={error} />
      {data && list.length === 0 ? (
        <p>
          {t('suggestions.none')} <Link to="/search">{t('suggestions.search')}</Link>
        </p>
      ) : null}
      {list.length > 0 ? (
        <ul className="card-grid suggestions">
          {list.map((s) => {
            const why = phraseReasons(s.reasons, lang, t);
            return (
              <li key={s.person.id}>
                <article className="card person-card">
                  <h3 className="card-title">
                    <Link to={`/people/${s.person.id}`}>
                      {s.person.givenName} {s.person.familyName}
                    </Link>
                  </h3>
                  <p className="card-meta">
                    {s.person.city ? <span>{s.person.city}</span> : null}
                    {s.person.isTrainer ? <span className="badge">{t('person.trainer')}</span> : null}
                  </p>
                  {why ? (
                    <p className="reasons">
                      <span className="visually-hidden">{t('suggestions.why')} </span>
                      {why}
                    </p>
                  ) : null}
                  {connections.ready ? (
                    <ConnectionControls person={s.person} connection={connections.byPerson.get(s.person.id)} />
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      ) : null}
      {list.length > 0 ? (
        <p>
          <Link to="/search">{t('suggestions.search')}</Link>
        </p>
      ) : null}
    </section>
  );
}
