import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  pageFromParams,
  pageVariables,
  peopleWhere,
} from '../filters';

describe('directory filters', () => {
  it('builds no filter when nothing is chosen', () => {
    expect(peopleWhere(emptyFilters)).toBeUndefined();
  });

  it('builds one predicate for one filter', () => {
    expect(peopleWhere({ ...emptyFilters, city: ' Алматы ' })).toEqual({ cityContainsFold: 'Алматы' });
  });

  it('combines filters with and', () => {
    expect(peopleWhere({ city: 'Almaty', year: '2023', activity: '7', interest: '9' })).toEqual({
      and: [
        { cityContainsFold: 'Almaty' },
        { cohortYear: 2023 },
        { hasActivitiesWith: [{ id: '7' }] },
        { hasInterestsWith: [{ id: '9' }] },
      ],
    });
  });

  it('reads and writes the address, dropping a malformed year and the page', () => {
    const f = filtersFromParams(new URLSearchParams('city=Almaty&year=20x3&activity=3&after=abc&page=2'));
    expect(f).toEqual({ city: 'Almaty', year: '', activity: '3', interest: '' });
    expect(filtersToParams(f).toString()).toBe('city=Almaty&activity=3');
    expect(activeFilterCount(f)).toBe(2);
  });

  it('pages forwards and backwards with cursors', () => {
    expect(pageVariables(pageFromParams(new URLSearchParams('')), 12)).toEqual({ first: 12, after: undefined });
    expect(pageVariables(pageFromParams(new URLSearchParams('after=c1&page=2')), 12)).toEqual({
      first: 12,
      after: 'c1',
    });
    expect(pageVariables(pageFromParams(new URLSearchParams('before=c2&page=2')), 12)).toEqual({
      last: 12,
      before: 'c2',
    });
    expect(pageFromParams(new URLSearchParams('page=5')).page).toBe(1);
  });
});
