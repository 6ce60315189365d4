import type { FundingGrouping, OutcomeSurveyStage, ReportGrouping } from '../../gql/graphql';

/** The groupings a reader can choose, as kept in the address (?by=year). */
export const groupings: ReadonlyArray<{ param: string; value: ReportGrouping }> = [
  { param: 'total', value: 'NONE' },
  { param: 'year', value: 'YEAR' },
  { param: 'city', value: 'CITY' },
  { param: 'course', value: 'COHORT' },
];

export const fundingGroupings: ReadonlyArray<{ param: string; value: FundingGrouping }> = [
  { param: 'funder', value: 'FUNDER' },
  { param: 'year', value: 'YEAR' },
  { param: 'purpose', value: 'PURPOSE' },
];

export const defaultGrouping: ReportGrouping = 'YEAR';
export const defaultFundingGrouping: FundingGrouping = 'FUNDER';

export function groupingFromParam(p: string | null): ReportGrouping {
  return groupings.find((g) => g.param === p)?.value ?? defaultGrouping;
}

export function groupingParam(g: ReportGrouping): string {
  return groupings.find((x) => x.value === g)?.param ?? 'year';
}

export function fundingGroupingFromParam(p: string | null): FundingGrouping {
  return fundingGroupings.find((g) => g.param === p)?.value ?? defaultFundingGrouping;
}

export function fundingGroupingParam(g: FundingGrouping): string {
  return fundingGroupings.find((x) => x.value === g)?.param ?? 'funder';
}

export const stages: readonly OutcomeSurveyStage[] = ['BASELINE', 'COURSE_END', 'MONTH_3', 'MONTH_6', 'MONTH_12'];
export const followUps: readonly OutcomeSurveyStage[] = ['COURSE_END', 'MONTH_3', 'MONTH_6', 'MONTH_12'];

/** A report row's group as a label: "all" is the whole programme, in the reader's language. */
export function groupLabel(group: { label: string }, allLabel: string): string {
  return group.label === 'all' ? allLabel : group.label;
}

/** The name of a downloaded report, e.g. birge-outcomes-by-year-2026-11-25.csv. */
export function csvFileName(report: string, grouping: string, day: string): string {
  return `birge-${report}-by-${grouping}-${day}.csv`;
}

/** Who may read the outcomes dashboard (the server decides too). */
export const outcomeReaders: ReadonlySet<string> = new Set(['PARTNER', 'STAFF', 'ADMIN']);
