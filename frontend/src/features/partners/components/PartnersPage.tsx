import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { nodes } from '../../../lib/connection';
import { formatKZT } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { PartnersQuery } from '../api/documents';

/** Only http(s) links are shown as links: a website field is free text. */
function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function PartnersPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const [{ data, fetching, error }] = useQuery({ query: PartnersQuery });
  const orgs = nodes(data?.organizations);
  const said = useRef(false);
  useEffect(() => {
    if (data && !said.current) {
      said.current = true;
      announce(t('partners.count', { count: data.organizations.totalCount }));
    }
  }, [data, announce, t]);

  const grandTotal = orgs.reduce((sum, o) => sum + nodes(o.fundings).reduce((s, f) => s + f.amountKzt, 0), 0);

  return (
    <Page title={t('partners.title')} lead={<p>{t('partners.lead')}</p>}>
      <QueryState fetching={fetching && !data} error={error} />
      {data ? (
        <p className="highlight">
          {t('partners.grandTotal', { amount: formatKZT(grandTotal, lang), count: orgs.length })}
        </p>
      ) : null}
      <ul className="card-list">
        {orgs.map((o) => {
          const fundings = nodes(o.fundings);
          const total = fundings.reduce((s, f) => s + f.amountKzt, 0);
          const site = o.website ? safeUrl(o.website) : null;
          return (
            <li key={o.id}>
              <article className="card org-card" aria-labelledby={`org-${o.id}`}>
                <h2 className="card-title" id={`org-${o.id}`}>
                  {o.name}
                </h2>
                <p className="card-meta">
                  <span className="badge">{t(`partners.kind.${o.kind}`)}</span>
                  {o.city ? <span>{o.city}</span> : null}
                  {site ? (
                    <a href={site} rel="noopener noreferrer">
                      {t('partners.website')}
                      <span className="visually-hidden">: {o.name}</span>
                    </a>
                  ) : null}
                </p>
                {o.description ? <p>{o.description}</p> : null}
                {nodes(o.programs).length > 0 ? (
                  <p className="small">
                    {t('partners.runs')} {nodes(o.programs).map((p) => p.name).join(', ')}
                  </p>
                ) : null}
                {fundings.length > 0 ? (
                  <>
                    <p>
                      <strong>{t('partners.totalFunded', { amount: formatKZT(total, lang) })}</strong>
                    </p>
                    <table>
                      <caption>{t('partners.fundingOf', { name: o.name })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('partners.year')}</th>
                          <th scope="col">{t('partners.purpose')}</th>
                          <th scope="col">{t('partners.for')}</th>
                          <th scope="col" className="num">
                            {t('partners.amount')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {fundings.map((f) => (
                          <tr key={f.id}>
                            <td>{f.year}</td>
                            <td>{f.purpose}</td>
                            <td>
                              {f.cohort ? (
                                <Link to={`/courses/${f.cohort.id}`}>{f.cohort.name}</Link>
                              ) : (
                                (f.program?.name ?? '—')
                              )}
                            </td>
                            <td className="num">{formatKZT(f.amountKzt, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </>
                ) : null}
              </article>
            </li>
          );
        })}
      </ul>
    </Page>
  );
}
