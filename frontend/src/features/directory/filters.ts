import type { PeopleFilterValues } from '../../components/ui/PeopleFilterFields';
import type { PersonWhereInput } from '../../gql/graphql';

/** The directory's filters, as kept in the address (so a search can be shared and returned to). */
export type DirectoryFilters = PeopleFilterValues;

export const emptyFilters: DirectoryFilters = { city: '', year: '', activity: '', interest: '' };

const keys = ['city', 'year', 'activity', 'interest'] as const;

export function filtersFromParams(params: URLSearchParams): DirectoryFilters {
  const f = { ...emptyFilters };
  for (const k of keys) f[k] = params.get(k)?.trim() ?? '';
  if (f.year && !/^\d{4}$/.test(f.year)) f.year = '';
  return f;
}

/** Address parameters for a new search: the filters, starting at page one. */
export function filtersToParams(f: DirectoryFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of keys) {
    const v = f[k].trim();
    if (v) p.set(k, v);
  }
  return p;
}

export function activeFilterCount(f: DirectoryFilters): number {
  return keys.filter((k) => f[k].trim() !== '').length;
}

/** The GraphQL filter for the directory's people query. */
export function peopleWhere(f: DirectoryFilters): PersonWhereInput | undefined {
  const and: PersonWhereInput[] = [];
  const city = f.city.trim();
  if (city) and.push({ cityContainsFold: city });
  if (f.year) {
    // The server applies the person's privacy to their course history.
    and.push({ cohortYear: Number(f.year) });
  }
  if (f.activity) and.push({ hasActivitiesWith: [{ id: f.activity }] });
  if (f.interest) and.push({ hasInterestsWith: [{ id: f.interest }] });
  if (and.length === 0) return undefined;
  return and.length === 1 ? and[0] : { and };
}

/** Paging state in the address: a cursor and the page number it leads to. */
export interface PageParams {
  after?: string;
  before?: string;
  page: number;
}

export function pageFromParams(params: URLSearchParams): PageParams {
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  if (after) return { after, page };
  if (before) return { before, page };
  return { page: 1 };
}

/** Variables for a Relay connection page of the given size. */
export function pageVariables(p: PageParams, size: number) {
  if (p.before) return { last: size, before: p.before };
  return { first: size, after: p.after };
}
