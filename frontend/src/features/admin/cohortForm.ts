import type { CohortStatus } from '../../gql/graphql';

export interface CohortDraft {
  name: string;
  city: string;
  venue: string;
  startDate: string;
  endDate: string;
  capacity: string;
  status: CohortStatus;
  programID: string;
}

export type CohortField = keyof CohortDraft;
export const cohortFields: CohortField[] = [
  'name',
  'city',
  'venue',
  'startDate',
  'endDate',
  'capacity',
  'status',
  'programID',
];

/** Problems found before sending, as i18n keys of admin.cohorts.errors. */
export function validateCohort(d: CohortDraft): Partial<Record<CohortField, string>> {
  const e: Partial<Record<CohortField, string>> = {};
  if (!d.name.trim()) e.name = 'nameRequired';
  if (!d.city.trim()) e.city = 'cityRequired';
  if (!d.startDate) e.startDate = 'startRequired';
  if (!d.endDate) e.endDate = 'endRequired';
  else if (d.startDate && d.endDate < d.startDate) e.endDate = 'endBeforeStart';
  if (!d.capacity.trim()) e.capacity = 'capacityRequired';
  else if (!/^\d+$/.test(d.capacity.trim()) || Number(d.capacity) < 1) e.capacity = 'capacityPositive';
  if (!d.programID) e.programID = 'programRequired';
  return e;
}
