import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../../../components/ui/Page';
import { nodes } from '../../../lib/connection';
import { formatDateRange, formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { useSession } from '../../auth';
import { canConnect } from '../../connections';
import { Suggestions } from '../../peers';
import { HomeQuery } from '../api/documents';

export function HomePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { viewer } = useSession();
  const [{ data, error }] = useQuery({ query: HomeQuery });
  const upcoming = nodes(data?.upcoming);

  const figure = (count: number | undefined, key: string) => (
    <div className="figure">
      <dt>{t(`home.figures.${key}`, { count: count ?? 0 })}</dt>
      <dd>{count === undefined ? '…' : formatNumber(count, lang)}</dd>
    </div>
  );

  return (
    <Page
      title={t('home.title')}
      documentTitle={t('home.documentTitle')}
      lead={<p className="lead">{t('home.lead')}</p>}
    >
      {canConnect(viewer) ? <Suggestions /> : null}

      <section aria-labelledby="home-figures">
        <h2 id="home-figures">{t('home.figuresTitle')}</h2>
        {error ? (
          <p className="muted">{t('errors.NETWORK')}</p>
        ) : (
          <dl className="figures" aria-busy={!data || undefined}>
            {figure(data?.people.totalCount, 'people')}
            {figure(data?.cohorts.totalCount, 'courses')}
            {figure(data?.organizations.totalCount, 'organizations')}
          </dl>
        )}
      </section>

      <section aria-labelledby="home-about">
        <h2 id="home-about">{t('home.aboutTitle')}</h2>
        <p>{t('home.about1')}</p>
        <p>{t('home.about2')}</p>
        <ul className="action-list">
          <li>
            <Link className="button primary" to="/people">
              {t('home.actions.directory')}
            </Link>
          </li>
          <li>
            <Link className="button secondary" to="/courses">
              {t('home.actions.courses')}
            </Link>
          </li>
          <li>
            <Link className="button secondary" to="/partners">
              {t('home.actions.partners')}
            </Link>
          </li>
          <li>
            <Link className="button secondary" to="/impact">
              {t('home.actions.impact')}
            </Link>
          </li>
        </ul>
      </section>

      {upcoming.length > 0 ? (
        <section aria-labelledby="home-upcoming">
          <h2 id="home-upcoming">{t('home.upcomingTitle')}</h2>
          <ul className="plain-list">
            {upcoming.map((c) => (
              <li key={c.id}>
                <Link to={`/courses/${c.id}`}>{c.name}</Link>
                <span className="muted">
                  {' '}
                  · {c.city} · {formatDateRange(c.startDate, c.endDate, lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="home-privacy">
        <h2 id="home-privacy">{t('home.privacyTitle')}</h2>
        <p>{t('home.privacy')}</p>
      </section>
    </Page>
  );
}
