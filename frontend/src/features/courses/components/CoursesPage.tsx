import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { Pagination } from '../../../components/ui/Pagination';
import { QueryState } from '../../../components/ui/QueryState';
import { nodes } from '../../../lib/connection';
import { formatDateRange } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { usePagedParams } from '../../../lib/usePagedParams';
import { CoursesQuery } from '../api/documents';
import { StatusBadge } from './StatusBadge';

const pageSize = 10;

export function CoursesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const [params] = useSearchParams();
  const paging = usePagedParams(params, pageSize);
  const [{ data, fetching, error }] = useQuery({ query: CoursesQuery, variables: paging.variables });
  const courses = nodes(data?.cohorts);
  const total = data?.cohorts.totalCount ?? 0;
  const heading = useRef<HTMLHeadingElement>(null);

  const said = useRef('');
  const key = useMemo(() => JSON.stringify(paging.variables), [paging.variables]);
  useEffect(() => {
    if (!data || fetching || said.current === key) return;
    if (said.current !== '') heading.current?.focus();
    said.current = key;
    announce(t('courses.count', { count: data.cohorts.totalCount }));
  }, [data, fetching, key, announce, t]);

  return (
    <Page title={t('courses.title')} lead={<p>{t('courses.lead')}</p>}>
      <h2 ref={heading} tabIndex={-1}>
        {data ? t('courses.count', { count: total }) : t('courses.listTitle')}
      </h2>
      <QueryState fetching={fetching && !data} error={error} />
      <ul className="card-list">
        {courses.map((c) => (
          <li key={c.id}>
            <article className="card">
              <h3 className="card-title">
                <Link to={`/courses/${c.id}`}>{c.name}</Link>
              </h3>
              <p className="card-meta">
                <span>{formatDateRange(c.startDate, c.endDate, lang)}</span>
                <span>{c.city}</span>
                <StatusBadge status={c.status} />
              </p>
              <p className="small muted">{c.program.name}</p>
            </article>
          </li>
        ))}
      </ul>
      {data ? (
        <Pagination
          page={paging.page}
          pageCount={Math.max(1, Math.ceil(total / pageSize))}
          hasPrevious={paging.page > 1}
          hasNext={data.cohorts.pageInfo.hasNextPage}
          onPrevious={() => paging.previous(data.cohorts.pageInfo)}
          onNext={() => paging.next(data.cohorts.pageInfo)}
        />
      ) : null}
    </Page>
  );
}
