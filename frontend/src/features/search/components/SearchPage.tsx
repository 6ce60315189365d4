import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { Pagination } from '../../../components/ui/Pagination';
import { usePeopleFilterOptions } from '../../../components/ui/peopleFilterOptions';
import { QueryState } from '../../../components/ui/QueryState';
import { nodes } from '../../../lib/connection';
import { usePagedParams } from '../../../lib/usePagedParams';
import { ConnectionControls, useConnectionsWith } from '../../connections';
import { PersonCard } from '../../directory';
import { SearchPeopleQuery } from '../api/documents';
import { activeFilters, hasSearch, peopleFilter, searchFromParams, searchToParams, type SearchState } from '../filters';
import { SearchForm } from './SearchForm';

export const searchPageSize = 10;

export function SearchPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => searchFromParams(params), [params]);
  const paging = usePagedParams(params, searchPageSize);
  const active = hasSearch(search);
  const filter = useMemo(() => peopleFilter(search), [search]);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  const options = usePeopleFilterOptions();
  const [{ data, fetching, error }] = useQuery({
    query: SearchPeopleQuery,
    variables: { query: search.q || undefined, filter, ...paging.variables },
    pause: !active,
  });
  const people = active ? nodes(data?.searchPeople) : [];
  const total = data?.searchPeople.totalCount ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / searchPageSize));
  const pageInfo = data?.searchPeople.pageInfo;
  const connections = useConnectionsWith(people.map((p) => p.id));

  // Say how many were found whenever a new answer arrives.
  const key = JSON.stringify([search, paging.variables]);
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!active || fetching || !data || announced.current === key) return;
    announced.current = key;
    const count = data.searchPeople.totalCount;
    const what = search.q ? t('search.forQuery', { query: search.q }) : '';
    const msg =
      count === 0
        ? t('search.noneFound')
        : [
            t('search.found', { count }),
            what,
            pageCount > 1 ? t('pagination.status', { page: paging.page, total: pageCount }) : '',
          ]
            .filter(Boolean)
            .join(' ');
    announce(msg);
    if (focusResults.current) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [active, fetching, data, key, announce, t, pageCount, paging.page, search.q]);

  function run(s: SearchState) {
    announced.current = null;
    setParams(searchToParams(s));
  }

  function go(direction: 'next' | 'previous') {
    if (!pageInfo) return;
    focusResults.current = true;
    if (direction === 'next') paging.next(pageInfo);
    else paging.previous(pageInfo);
  }

  const filters = activeFilters(search);

  return (
    <Page title={t('search.title')} lead={<p>{t('search.lead')}</p>}>
      <SearchForm
        value={search}
        onSearch={run}
        activities={options.activities}
        interests={options.interests}
        years={options.years}
        cities={options.cities}
      />
      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
          {!active ? t('search.results') : data ? t('search.found', { count: total }) : t('search.results')}
          {active && filters > 0 ? ' · ' : null}
          {active && filters > 0 ? <span className="muted">{t('directory.filtersOn', { count: filters })}</span> : null}
        </h2>
        {!active ? <p>{t('search.prompt')}</p> : null}
        {active ? <QueryState fetching={fetching && !data} error={error} /> : null}
        {active && data && total === 0 ? <p>{t('search.noneFoundHelp')}</p> : null}
        {people.length > 0 ? (
          <ul className="card-grid" aria-busy={fetching || undefined}>
            {people.map((p) => (
              <li key={p.id}>
                <PersonCard person={p}>
                  {connections.ready && connections.selfId !== p.id ? (
                    <ConnectionControls
                      person={p}
                      connection={connections.byPerson.get(p.id)}
                      acceptsRequests={connections.acceptsRequests(p.id)}
                    />
                  ) : null}
                </PersonCard>
              </li>
            ))}
          </ul>
        ) : null}
        {active && data ? (
          <Pagination
            page={paging.page}
            pageCount={pageCount}
            hasPrevious={paging.page > 1}
            hasNext={pageInfo?.hasNextPage ?? false}
            onPrevious={() => go('previous')}
            onNext={() => go('next')}
            label={t('search.pagesLabel')}
          />
        ) : null}
      </section>
    </Page>
  );
}
