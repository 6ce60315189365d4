import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { CellText } from '../../../components/charts/CellText';
import { ChartFigure } from '../../../components/charts/ChartFigure';
import type { ChartRow } from '../../../components/charts/types';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { formatDateTime, formatKZT, formatNumber, formatPercent } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { useSession } from '../../auth';
import { ImpactQuery } from '../api/documents';
import { outcomeReaders } from '../report';

/** The public impact page: the programme's headline figures. */
export default function ImpactPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { viewer } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: ImpactQuery });
  const h = data?.impactHeadline;
  const count = (v: number) => formatNumber(v, lang);
  const share = (v: number) => formatPercent(v, lang);

  const rows: ChartRow[] = (data?.programReach.rows ?? []).map((r) => ({
    key: r.group.label,
    label: r.group.label,
    values: {
      participants: r.participants,
      completed: r.completed,
      coursesRun: { value: r.coursesRun, suppressed: false },
    },
  }));

  return (
    <Page title={t('impact.title')} lead={<p className="lead">{t('impact.lead')}</p>}>
      <QueryState fetching={fetching && !data} error={error} />
      {h ? (
        <>
          <section aria-labelledby="impact-figures">
            <h2 id="impact-figures">{t('impact.figuresTitle')}</h2>
            <dl className="figures">
              <div className="figure">
                <dt>{t('impact.coursesRun', { count: h.coursesRun })}</dt>
                <dd>{count(h.coursesRun)}</dd>
              </div>
              <div className="figure">
                <dt>{t('impact.participants')}</dt>
                <dd>
                  <CellText cell={h.participants} format={count} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('impact.completed')}</dt>
                <dd>
                  <CellText cell={h.completed} format={count} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('impact.independence', { stage: t(`outcomes.stageLower.${h.followUpStage}`) })}</dt>
                <dd>
                  <CellText cell={h.independenceImproved} format={share} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('impact.confidence', { stage: t(`outcomes.stageLower.${h.followUpStage}`) })}</dt>
                <dd>
                  <CellText cell={h.confidenceImproved} format={share} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('impact.funding', { count: h.funders })}</dt>
                <dd>{formatKZT(h.fundingKzt, lang)}</dd>
              </div>
            </dl>
            <p>
              {h.firstYear
                ? t('impact.since', { year: h.firstYear, count: h.cities })
                : t('impact.cities', { count: h.cities })}
            </p>
          </section>
          <section aria-labelledby="impact-years">
            <h2 id="impact-years">{t('impact.yearsTitle')}</h2>
            <ChartFigure
              title={t('impact.yearsChart')}
              rowHeader={t('outcomes.groupHeader.YEAR')}
              rows={rows}
              series={[
                { key: 'participants', label: t('outcomes.reach.participants'), format: count },
                { key: 'completed', label: t('outcomes.reach.completed'), format: count },
                { key: 'coursesRun', label: t('outcomes.reach.coursesRun'), format: count, inChart: false },
              ]}
              note={t('outcomes.reach.note')}
            />
          </section>
          <section aria-labelledby="impact-privacy">
            <h2 id="impact-privacy">{t('impact.privacyTitle')}</h2>
            <p>{t('outcomes.privacyNote')}</p>
            {viewer && outcomeReaders.has(viewer.role) ? (
              <p>
                <Link to="/outcomes">{t('impact.dashboardLink')}</Link>
              </p>
            ) : null}
            <p className="muted small">{t('outcomes.generatedAt', { time: formatDateTime(h.generatedAt, lang) })}</p>
          </section>
        </>
      ) : null}
    </Page>
  );
}
