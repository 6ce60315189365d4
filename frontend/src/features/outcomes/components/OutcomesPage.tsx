import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { CellText } from '../../../components/charts/CellText';
import { ChartFigure } from '../../../components/charts/ChartFigure';
import type { ChartRow, ChartSeries, ChartValue } from '../../../components/charts/types';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ChoiceButtons } from '../../../components/ui/ChoiceButtons';
import { SelectField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import type { FundingGrouping, OutcomeSurveyStage, ReportGrouping, StageFieldsFragment } from '../../../gql/graphql';
import { formatChange, formatDateTime, formatKZT, formatNumber, formatPercent, isoDay } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import {
  FundingCsvQuery,
  FundingReportQuery,
  OutcomesCsvQuery,
  OutcomesDashboardQuery,
  ReachCsvQuery,
} from '../api/documents';
import {
  csvFileName,
  followUps,
  fundingGroupingFromParam,
  fundingGroupingParam,
  fundingGroupings,
  groupingFromParam,
  groupingParam,
  groupings,
  groupLabel,
  stages,
} from '../report';
import { DownloadCsvButton } from './DownloadCsvButton';

type StageKey = keyof Omit<StageFieldsFragment, '__typename' | 'stage'>;

/** The outcomes dashboard, for partners, staff and admins. */
export default function OutcomesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const groupBy = groupingFromParam(params.get('by'));
  const fundingBy = fundingGroupingFromParam(params.get('funding'));
  const [stage, setStage] = useState<OutcomeSurveyStage>('MONTH_6');

  const [{ data, fetching, error }] = useQuery({ query: OutcomesDashboardQuery, variables: { groupBy } });
  const [funding] = useQuery({ query: FundingReportQuery, variables: { groupBy: fundingBy } });

  const count = (v: number) => formatNumber(v, lang);
  const share = (v: number) => formatPercent(v, lang);
  const change = (v: number) => formatChange(v, lang);
  const kzt = (v: number) => formatKZT(v, lang);
  const all = t('outcomes.allCourses');
  const rowHeader = t(`outcomes.groupHeader.${groupBy}`);

  // Say when the figures of a grouping the reader chose have come.
  const pendingReach = useRef<ReportGrouping | null>(null);
  const pendingFunding = useRef<FundingGrouping | null>(null);
  useEffect(() => {
    const g = pendingReach.current;
    if (g && !fetching && data?.programReach.groupBy === g) {
      pendingReach.current = null;
      announce(t('outcomes.groupedNow', { grouping: t(`outcomes.groupingLower.${g}`) }));
    }
  }, [fetching, data, announce, t]);
  useEffect(() => {
    const g = pendingFunding.current;
    if (g && !funding.fetching && funding.data?.fundingReport.groupBy === g) {
      pendingFunding.current = null;
      announce(t('outcomes.funding.groupedNow', { grouping: t(`outcomes.funding.groupingLower.${g}`) }));
    }
  }, [funding.fetching, funding.data, announce, t]);

  function setParam(key: string, value: string) {
    const p = new URLSearchParams(params);
    p.set(key, value);
    setParams(p, { replace: true });
  }

  function chooseGrouping(g: ReportGrouping) {
    pendingReach.current = g;
    setParam('by', groupingParam(g));
  }

  function chooseFunding(g: FundingGrouping) {
    pendingFunding.current = g;
    setParam('funding', fundingGroupingParam(g));
  }

  const reach = data?.programReach;
  const outcomes = data?.outcomes;
  const reachRows = useMemo(() => {
    if (!reach) return [];
    const rows = reach.rows.length > 0 ? reach.rows : [reach.total];
    return rows.map((r, i) => ({
      key: `${i}-${r.group.label}`,
      label: groupLabel(r.group, all),
      values: {
        participants: r.participants,
        completed: r.completed,
        coursesRun: { value: r.coursesRun, suppressed: false },
        completionRate: r.completionRate,
      },
    }));
  }, [reach, all]);

  const reachSeries: ChartSeries[] = [
    { key: 'participants', label: t('outcomes.reach.participants'), format: count },
    { key: 'completed', label: t('outcomes.reach.completed'), format: count },
    { key: 'coursesRun', label: t('outcomes.reach.coursesRun'), format: count, inChart: false },
    { key: 'completionRate', label: t('outcomes.reach.completionRate'), format: share, inChart: false },
  ];

  const stageLabel = (s: OutcomeSurveyStage) => t(`outcomes.stage.${s}`);
  const byStage = (
    list: readonly StageFieldsFragment[] | undefined,
    keys: StageKey[],
    only: readonly OutcomeSurveyStage[],
  ) =>
    only.flatMap((s): ChartRow[] => {
      const st = list?.find((x) => x.stage === s);
      if (!st) return [];
      return [
        {
          key: s,
          label: stageLabel(s),
          values: Object.fromEntries(keys.map((k) => [k, st[k] as ChartValue | null])),
        },
      ];
    });

  const improvedSeries: ChartSeries[] = [
    { key: 'independenceImproved', label: t('outcomes.indicator.independenceImproved'), format: share },
    { key: 'confidenceImproved', label: t('outcomes.indicator.confidenceImproved'), format: share },
    { key: 'compared', label: t('outcomes.indicator.compared'), format: count, inChart: false },
    { key: 'independenceChange', label: t('outcomes.indicator.independenceChange'), format: change, inChart: false },
    { key: 'confidenceChange', label: t('outcomes.indicator.confidenceChange'), format: change, inChart: false },
  ];
  const lifeSeries: ChartSeries[] = [
    { key: 'cooksForSelf', label: t('outcomes.indicator.cooksForSelf'), format: share },
    { key: 'travelsAlone', label: t('outcomes.indicator.travelsAlone'), format: share },
    { key: 'communityParticipation', label: t('outcomes.indicator.communityParticipation'), format: share },
    { key: 'employedOrStudying', label: t('outcomes.indicator.employedOrStudying'), format: share },
    { key: 'responded', label: t('outcomes.indicator.responded'), format: count, inChart: false },
    { key: 'responseRate', label: t('outcomes.indicator.responseRate'), format: share, inChart: false },
  ];
  const improvedRows = byStage(
    outcomes?.total.stages,
    improvedSeries.map((s) => s.key as StageKey),
    followUps,
  );
  const lifeRows = byStage(
    outcomes?.total.stages,
    lifeSeries.map((s) => s.key as StageKey),
    stages,
  );
  const groupStageRows: ChartRow[] = (outcomes?.rows ?? []).map((r, i) => {
    const st = r.stages.find((x) => x.stage === stage);
    return {
      key: `${i}-${r.group.label}`,
      label: groupLabel(r.group, all),
      values: {
        independenceImproved: st?.independenceImproved,
        confidenceImproved: st?.confidenceImproved,
        compared: st?.compared,
      },
    };
  });

  const f = funding.data?.fundingReport;
  const fundingRows: ChartRow[] = (f?.rows ?? []).map((r, i) => ({
    key: `${i}-${r.label}`,
    label: r.label,
    values: { amount: { value: r.amountKzt, suppressed: false }, grants: { value: r.grants, suppressed: false } },
  }));
  const costRows: ChartRow[] = (f?.costByYear ?? []).map((c) => ({
    key: String(c.year),
    label: String(c.year),
    values: {
      perParticipant: c.perParticipantKzt,
      perCompleter: c.perCompleterKzt,
      funding: { value: c.fundingKzt, suppressed: false },
      participants: c.participants,
      completed: c.completed,
    },
  }));

  const groupingName = groupingParam(groupBy);
  const fundingName = fundingGroupingParam(fundingBy);

  return (
    <Page title={t('outcomes.title')} lead={<p>{t('outcomes.lead')}</p>}>
      <p className="notice">{t('outcomes.privacyNote')}</p>

      <ChoiceButtons
        label={t('outcomes.groupBy')}
        value={groupBy}
        options={groupings.map((g) => ({ value: g.value, label: t(`outcomes.grouping.${g.value}`) }))}
        onChange={chooseGrouping}
      />

      <QueryState fetching={fetching && !data} error={error} />

      {reach && outcomes ? (
        <div aria-busy={fetching || undefined}>
          <section aria-labelledby="reach-heading">
            <h2 id="reach-heading">{t('outcomes.reach.title')}</h2>
            <dl className="figures">
              <div className="figure">
                <dt>{t('outcomes.reach.coursesRun')}</dt>
                <dd>{count(reach.total.coursesRun)}</dd>
              </div>
              <div className="figure">
                <dt>{t('outcomes.reach.participants')}</dt>
                <dd>
                  <CellText cell={reach.total.participants} format={count} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('outcomes.reach.completed')}</dt>
                <dd>
                  <CellText cell={reach.total.completed} format={count} />
                </dd>
              </div>
            </dl>
            <ChartFigure
              title={t('outcomes.reach.chartTitle', { grouping: t(`outcomes.groupingLower.${groupBy}`) })}
              rowHeader={rowHeader}
              rows={reachRows}
              series={reachSeries}
              note={t('outcomes.reach.note')}
            />
            <DownloadCsvButton
              label={t('outcomes.csv.reach')}
              query={ReachCsvQuery}
              variables={{ groupBy }}
              pick={(d) => d.programReach.csv}
              fileName={() => csvFileName('reach', groupingName, isoDay())}
            />
          </section>

          <section aria-labelledby="change-heading">
            <h2 id="change-heading">{t('outcomes.change.title')}</h2>
            <p>{t('outcomes.change.lead')}</p>
            <ChartFigure
              title={t('outcomes.change.chartTitle')}
              rowHeader={t('outcomes.stageHeader')}
              rows={improvedRows}
              series={improvedSeries}
              max={1}
              note={t('outcomes.change.note')}
            />
            {groupBy !== 'NONE' ? (
              <>
                <SelectField
                  label={t('outcomes.change.stage')}
                  name="stage"
                  value={stage}
                  onChange={(v) => setStage(v as OutcomeSurveyStage)}
                  options={followUps.map((s) => ({ value: s, label: stageLabel(s) }))}
                />
                <ChartFigure
                  title={t('outcomes.change.byGroupTitle', {
                    grouping: t(`outcomes.groupingLower.${groupBy}`),
                    stage: stageLabel(stage),
                  })}
                  rowHeader={rowHeader}
                  rows={groupStageRows}
                  series={improvedSeries.filter((s) => !s.key.endsWith('Change'))}
                  max={1}
                />
              </>
            ) : null}
          </section>

          <section aria-labelledby="life-heading">
            <h2 id="life-heading">{t('outcomes.life.title')}</h2>
            <p>{t('outcomes.life.lead')}</p>
            <ChartFigure
              title={t('outcomes.life.chartTitle')}
              rowHeader={t('outcomes.stageHeader')}
              rows={lifeRows}
              series={lifeSeries}
              max={1}
            />
            <DownloadCsvButton
              label={t('outcomes.csv.outcomes')}
              query={OutcomesCsvQuery}
              variables={{ groupBy }}
              pick={(d) => d.outcomes.csv}
              fileName={() => csvFileName('outcomes', groupingName, isoDay())}
            />
          </section>
          <p className="muted small">
            {t('outcomes.generatedAt', { time: formatDateTime(outcomes.generatedAt, lang) })}
          </p>
        </div>
      ) : null}

      <section aria-labelledby="funding-heading">
        <h2 id="funding-heading">{t('outcomes.funding.title')}</h2>
        <ChoiceButtons
          label={t('outcomes.funding.groupBy')}
          value={fundingBy}
          options={fundingGroupings.map((g) => ({ value: g.value, label: t(`outcomes.funding.grouping.${g.value}`) }))}
          onChange={chooseFunding}
        />
        <QueryState fetching={funding.fetching && !funding.data} error={funding.error} />
        {f ? (
          <div aria-busy={funding.fetching || undefined}>
            <dl className="figures">
              <div className="figure">
                <dt>{t('outcomes.funding.total')}</dt>
                <dd>{kzt(f.totalKzt)}</dd>
              </div>
              <div className="figure">
                <dt>{t('outcomes.funding.perParticipant')}</dt>
                <dd>
                  <CellText cell={f.perParticipantKzt} format={kzt} />
                </dd>
              </div>
              <div className="figure">
                <dt>{t('outcomes.funding.perCompleter')}</dt>
                <dd>
                  <CellText cell={f.perCompleterKzt} format={kzt} />
                </dd>
              </div>
            </dl>
            <ChartFigure
              title={t('outcomes.funding.chartTitle', { grouping: t(`outcomes.funding.groupingLower.${fundingBy}`) })}
              rowHeader={t(`outcomes.funding.grouping.${fundingBy}`)}
              rows={fundingRows}
              series={[
                { key: 'amount', label: t('outcomes.funding.amount'), format: kzt },
                { key: 'grants', label: t('outcomes.funding.grants'), format: count, inChart: false },
              ]}
            />
            <ChartFigure
              title={t('outcomes.funding.costTitle')}
              rowHeader={t('outcomes.groupHeader.YEAR')}
              rows={costRows}
              series={[
                { key: 'perParticipant', label: t('outcomes.funding.perParticipant'), format: kzt },
                { key: 'perCompleter', label: t('outcomes.funding.perCompleter'), format: kzt },
                { key: 'funding', label: t('outcomes.funding.amount'), format: kzt, inChart: false },
                { key: 'participants', label: t('outcomes.reach.participants'), format: count, inChart: false },
                { key: 'completed', label: t('outcomes.reach.completed'), format: count, inChart: false },
              ]}
            />
            <DownloadCsvButton
              label={t('outcomes.csv.funding')}
              query={FundingCsvQuery}
              variables={{ groupBy: fundingBy }}
              pick={(d) => d.fundingReport.csv}
              fileName={() => csvFileName('funding', fundingName, isoDay())}
            />
          </div>
        ) : null}
      </section>
    </Page>
  );
}
