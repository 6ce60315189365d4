import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { TableRegion } from '../../../components/ui/TableRegion';
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
  const allFundings = nodes(data?.fundings);
  const programs = nodes(data?.programs);
  const byFunder = new Map<string, typeof allFundings>();
  for (const f of allFundings) byFunder.set(f.funder.id, [...(byFunder.get(f.funder.id) ?? []), f]);
  const said = useRef(false);
  useEffect(() => {
    if (data && !said.current) {
      said.current = true;
      announce(t('partners.count', { count: data.organizations.totalCount }));
    }
  }, [data, announce, t]);

  const grandTotal = allFundings.reduce((sum, f) => sum + f.amountKzt, 0);
  const funders = byFunder.size;

  return (
    <Page title={t('partners.title')} lead={<p>{t('partners.lead')}</p>}>
      <QueryState fetching={fetching && !data} error={error} />
      {data && data.fundings.totalCount > allFundings.length ? (
        <p className="muted">{t('partners.partial', { count: allFundings.length })}</p>
      ) : null}
      {data ? (
        <p className="highlight">{t('partners.grandTotal', { amount: formatKZT(grandTotal, lang), count: funders })}</p>
      ) : null}
      <ul className="card-list">
        {orgs.map((o) => {
          const fundings = byFunder.get(o.id) ?? [];
          const runs = programs.filter((p) => p.operator.id === o.id);
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
                {runs.length > 0 ? (
                  <p className="small">
                    {t('partners.runs')} {runs.map((p) => p.name).join(', ')}
                  </p>
                ) : null}
                {fundings.length > 0 ? (
                  <>
                    <p>
                      <strong>{t('partners.totalFunded', { amount: formatKZT(total, lang) })}</strong>
                    </p>
                    <details className="disclosure">
                      <summary>{t('partners.showFunding', { count: fundings.length })}</summary>
                      <TableRegion labelledBy={`funding-${o.id}`}>
                        <table>
                          <caption id={`funding-${o.id}`}>{t('partners.fundingOf', { name: o.name })}</caption>
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
                      </TableRegion>
                    </details>
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
