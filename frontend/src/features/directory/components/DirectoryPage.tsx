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
import { DirectoryPeopleQuery } from '../api/documents';
import {
  activeFilterCount,
  filtersFromParams,
  filtersToParams,
  pageFromParams,
  pageVariables,
  peopleWhere,
  type DirectoryFilters,
} from '../filters';
import { FilterForm } from './FilterForm';
import { PersonCard } from './PersonCard';

export const directoryPageSize = 12;

export function DirectoryPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const paging = useMemo(() => pageFromParams(params), [params]);
  const where = useMemo(() => peopleWhere(filters), [filters]);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  const options = usePeopleFilterOptions();
  const [{ data, fetching, error }] = useQuery({
    query: DirectoryPeopleQuery,
    variables: { ...pageVariables(paging, directoryPageSize), where },
  });

  const people = nodes(data?.people);
  const total = data?.people.totalCount ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / directoryPageSize));
  const pageInfo = data?.people.pageInfo;

  // Say how many people were found whenever a new answer arrives.
  const key = JSON.stringify([where, paging]);
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (fetching || !data || announced.current === key) return;
    announced.current = key;
    const count = data.people.totalCount;
    const msg =
      count === 0
        ? t('directory.noneFound')
        : `${t('directory.found', { count })} ${pageCount > 1 ? t('pagination.status', { page: paging.page, total: pageCount }) : ''}`;
    announce(msg.trim());
    if (focusResults.current) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [fetching, data, key, announce, t, pageCount, paging.page]);

  function apply(f: DirectoryFilters) {
    setParams(filtersToParams(f));
  }

  function go(direction: 'next' | 'previous') {
    if (!pageInfo) return;
    const p = filtersToParams(filters);
    if (direction === 'next' && pageInfo.endCursor) {
      p.set('after', pageInfo.endCursor);
      p.set('page', String(paging.page + 1));
    } else if (direction === 'previous' && pageInfo.startCursor) {
      if (paging.page > 2) {
        p.set('before', pageInfo.startCursor);
        p.set('page', String(paging.page - 1));
      }
    }
    focusResults.current = true;
    setParams(p);
  }

  const filterCount = activeFilterCount(filters);

  return (
    <Page title={t('directory.title')} lead={<p>{t('directory.lead')}</p>}>
      <FilterForm
        value={filters}
        onApply={apply}
        activities={options.activities}
        interests={options.interests}
        years={options.years}
        cities={options.cities}
      />
      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
          {data ? t('directory.found', { count: total }) : t('directory.results')}
          {filterCount > 0 ? ' · ' : null}
          {filterCount > 0 ? <span className="muted">{t('directory.filtersOn', { count: filterCount })}</span> : null}
        </h2>
        <QueryState fetching={fetching && !data} error={error} />
        {data && total === 0 ? <p>{t('directory.noneFoundHelp')}</p> : null}
        {people.length > 0 ? (
          <ul className="card-grid" aria-busy={fetching || undefined}>
            {people.map((p) => (
              <li key={p.id}>
                <PersonCard person={p} />
              </li>
            ))}
          </ul>
        ) : null}
        {data ? (
          <Pagination
            page={paging.page}
            pageCount={pageCount}
            hasPrevious={paging.page > 1}
            hasNext={pageInfo?.hasNextPage ?? false}
            onPrevious={() => go('previous')}
            onNext={() => go('next')}
            label={t('directory.pagesLabel')}
          />
        ) : null}
      </section>
    </Page>
  );
}
