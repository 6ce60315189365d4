import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { Pagination } from '../../../components/ui/Pagination';
import { QueryState } from '../../../components/ui/QueryState';
import { TagList } from '../../../components/ui/TagList';
import { nodes } from '../../../lib/connection';
import { usePagedParams } from '../../../lib/usePagedParams';
import { TrainersQuery } from '../api/documents';

const pageSize = 12;

export function TrainersPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params] = useSearchParams();
  const paging = usePagedParams(params, pageSize);
  const [{ data, fetching, error }] = useQuery({ query: TrainersQuery, variables: paging.variables });
  const trainers = nodes(data?.trainers);
  const total = data?.trainers.totalCount ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const heading = useRef<HTMLHeadingElement>(null);

  const said = useRef<string>('');
  const key = useMemo(() => JSON.stringify(paging.variables), [paging.variables]);
  useEffect(() => {
    if (!data || fetching || said.current === key) return;
    if (said.current !== '') heading.current?.focus();
    said.current = key;
    announce(t('trainers.count', { count: data.trainers.totalCount }));
  }, [data, fetching, key, announce, t]);

  return (
    <Page title={t('trainers.title')} lead={<p>{t('trainers.lead')}</p>}>
      <h2 ref={heading} tabIndex={-1}>
        {data ? t('trainers.count', { count: total }) : t('trainers.listTitle')}
      </h2>
      <QueryState fetching={fetching && !data} error={error} />
      <ul className="card-grid">
        {trainers.map((p) => (
          <li key={p.id}>
            <article className="card person-card">
              <h3 className="card-title">
                <Link to={`/people/${p.id}`}>
                  {p.givenName} {p.familyName}
                </Link>
              </h3>
              <p className="card-meta">
                {p.city ? <span>{p.city}</span> : null}
                <span>{t('trainers.courses', { count: p.trainedCohorts.totalCount })}</span>
              </p>
              {p.profile?.bio ? <p className="clamp">{p.profile.bio}</p> : null}
              <TagList tags={nodes(p.activities)} label={t('person.activities')} />
            </article>
          </li>
        ))}
      </ul>
      {data ? (
        <Pagination
          page={paging.page}
          pageCount={pageCount}
          hasPrevious={paging.page > 1}
          hasNext={data.trainers.pageInfo.hasNextPage}
          onPrevious={() => paging.previous(data.trainers.pageInfo)}
          onNext={() => paging.next(data.trainers.pageInfo)}
        />
      ) : null}
    </Page>
  );
}
