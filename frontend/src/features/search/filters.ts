import type { PeopleFilter } from '../../gql/graphql';

/** A people search, as kept in the address (?q=…&city=…), so it can be shared and returned to. */
export interface SearchState {
  q: string;
  city: string;
  year: string;
  activity: string;
  interest: string;
  language: string;
  lookingFor: string;
}

export const filterKeys = ['city', 'year', 'activity', 'interest', 'language', 'lookingFor'] as const;
export type FilterKey = (typeof filterKeys)[number];

export const emptySearch: SearchState = {
  q: '',
  city: '',
  year: '',
  activity: '',
  interest: '',
  language: '',
  lookingFor: '',
};

/** The server caps a query's length; longer text is cut rather than refused. */
export const maxQueryLength = 200;

export function searchFromParams(params: URLSearchParams): SearchState {
  const s = { ...emptySearch, q: (params.get('q') ?? '').trim().slice(0, maxQueryLength) };
  for (const k of filterKeys) s[k] = params.get(k)?.trim() ?? '';
  if (s.year && !/^\d{4}$/.test(s.year)) s.year = '';
  if (s.language && !/^[a-z]{2}$/.test(s.language)) s.language = '';
  if (s.lookingFor && !/^[A-Z_]+$/.test(s.lookingFor)) s.lookingFor = '';
  return s;
}

/** Address parameters for a new search: the text and filters, starting at page one. */
export function searchToParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  const q = s.q.trim();
  if (q) p.set('q', q.slice(0, maxQueryLength));
  for (const k of filterKeys) {
    const v = s[k].trim();
    if (v) p.set(k, v);
  }
  return p;
}

export function activeFilters(s: SearchState): number {
  return filterKeys.filter((k) => s[k].trim() !== '').length;
}

/** Whether there is anything to search for: some text or a filter. */
export function hasSearch(s: SearchState): boolean {
  return s.q.trim() !== '' || activeFilters(s) > 0;
}

/** The API's filter, or undefined when no filter is on. */
export function peopleFilter(s: SearchState): PeopleFilter | undefined {
  const f: PeopleFilter = {};
  if (s.city.trim()) f.city = s.city.trim();
  if (s.year) f.cohortYear = Number(s.year);
  if (s.activity) f.activityID = s.activity;
  if (s.interest) f.interestID = s.interest;
  if (s.language) f.language = s.language;
  if (s.lookingFor) f.lookingFor = s.lookingFor;
  return Object.keys(f).length > 0 ? f : undefined;
}
