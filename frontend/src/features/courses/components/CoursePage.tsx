import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { TableRegion } from '../../../components/ui/TableRegion';
import { TagList } from '../../../components/ui/TagList';
import { nodes } from '../../../lib/connection';
import { formatDateRange, formatKZT, formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { CourseQuery } from '../api/documents';
import { StatusBadge } from './StatusBadge';

export function CoursePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: CourseQuery, variables: { id } });
  const course = data?.node?.__typename === 'Cohort' ? data.node : null;

  if (!course) {
    const missing = !fetching && !error && data !== undefined;
    return (
      <Page title={missing ? t('courses.notFoundTitle') : t('courses.courseTitle')} placeholder={!missing && !error}>
        <QueryState fetching={fetching} error={error} />
        {missing ? (
          <p>
            <Link to="/courses">{t('courses.back')}</Link>
          </p>
        ) : null}
      </Page>
    );
  }

  const trainers = nodes(course.trainers);
  const enrollments = nodes(course.enrollments);
  const fundings = nodes(course.fundings);
  const hidden = course.enrollments.totalCount - enrollments.length;

  return (
    <Page title={course.name}>
      <dl className="facts">
        <div>
          <dt>{t('courses.dates')}</dt>
          <dd>{formatDateRange(course.startDate, course.endDate, lang)}</dd>
        </div>
        <div>
          <dt>{t('courses.city')}</dt>
          <dd>{course.city}</dd>
        </div>
        {course.venue ? (
          <div>
            <dt>{t('courses.venue')}</dt>
            <dd>{course.venue}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('courses.statusLabel')}</dt>
          <dd>
            <StatusBadge status={course.status} />
          </dd>
        </div>
        <div>
          <dt>{t('courses.capacity')}</dt>
          <dd>{t('courses.places', { count: course.capacity, formatted: formatNumber(course.capacity, lang) })}</dd>
        </div>
        <div>
          <dt>{t('courses.program')}</dt>
          <dd>{course.program.name}</dd>
        </div>
      </dl>

      <section aria-labelledby="course-activities">
        <h2 id="course-activities">{t('courses.activities')}</h2>
        {nodes(course.activities).length > 0 ? (
          <TagList tags={nodes(course.activities)} label={t('courses.activities')} />
        ) : (
          <p className="muted">{t('common.none')}</p>
        )}
      </section>

      <section aria-labelledby="course-trainers">
        <h2 id="course-trainers">{t('courses.trainers')}</h2>
        {trainers.length > 0 ? (
          <ul className="plain-list inline-list">
            {trainers.map((p) => (
              <li key={p.id}>
                <Link to={`/people/${p.id}`}>
                  {p.givenName} {p.familyName}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('common.none')}</p>
        )}
      </section>

      <section aria-labelledby="course-participants">
        <h2 id="course-participants">{t('courses.participants', { count: course.enrollments.totalCount })}</h2>
        {enrollments.length > 0 ? (
          <ul className="plain-list inline-list">
            {enrollments.map((e) => (
              <li key={e.id}>
                <Link to={`/people/${e.person.id}`}>
                  {e.person.givenName} {e.person.familyName}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {hidden > 0 || enrollments.length === 0 ? <p className="muted">{t('courses.participantsPrivate')}</p> : null}
      </section>

      {fundings.length > 0 ? (
        <section aria-labelledby="course-funding">
          <h2 id="course-funding">{t('courses.funding')}</h2>
          <TableRegion labelledBy="course-funding">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('partners.funder')}</th>
                  <th scope="col">{t('partners.year')}</th>
                  <th scope="col">{t('partners.purpose')}</th>
                  <th scope="col" className="num">
                    {t('partners.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fundings.map((f) => (
                  <tr key={f.id}>
                    <td>{f.funder.name}</td>
                    <td>{f.year}</td>
                    <td>{f.purpose}</td>
                    <td className="num">{formatKZT(f.amountKzt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}

      <p>
        <Link to="/courses">{t('courses.back')}</Link>
      </p>
    </Page>
  );
}
