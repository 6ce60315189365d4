import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  emptySearch,
  hasSearch,
  maxQueryLength,
  peopleFilter,
  searchFromParams,
  searchToParams,
} from '../filters';

describe('search filters', () => {
  it('has nothing to search for at first', () => {
    expect(hasSearch(emptySearch)).toBe(false);
    expect(peopleFilter(emptySearch)).toBeUndefined();
  });

  it('searches with text alone, or with a filter alone', () => {
    expect(hasSearch({ ...emptySearch, q: ' Zhanar ' })).toBe(true);
    expect(hasSearch({ ...emptySearch, language: 'kk' })).toBe(true);
    expect(hasSearch({ ...emptySearch, q: '   ' })).toBe(false);
  });

  it('builds the API filter from every filter that is on', () => {
    expect(
      peopleFilter({
        q: 'aigerim',
        city: ' Almaty ',
        year: '2023',
        activity: 'a3',
        interest: 'i9',
        language: 'ru',
        lookingFor: 'FRIENDS',
      }),
    ).toEqual({
      city: 'Almaty',
      cohortYear: 2023,
      activityID: 'a3',
      interestID: 'i9',
      language: 'ru',
      lookingFor: 'FRIENDS',
    });
    expect(peopleFilter({ ...emptySearch, q: 'text only' })).toBeUndefined();
  });

  it('reads the address, dropping malformed values and the page', () => {
    const s = searchFromParams(
      new URLSearchParams('q=Ermek&city=Алматы&year=23&language=russian&lookingFor=friends&interest=7&after=x&page=3'),
    );
    expect(s).toEqual({ ...emptySearch, q: 'Ermek', city: 'Алматы', interest: '7' });
    expect(activeFilters(s)).toBe(2);
    expect(searchToParams(s).toString()).toBe('q=Ermek&city=%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B&interest=7');
  });

  it('cuts a very long text', () => {
    const s = searchFromParams(new URLSearchParams({ q: 'x'.repeat(500) }));
    expect(s.q).toHaveLength(maxQueryLength);
  });
});
