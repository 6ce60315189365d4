import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TagList } from '../../../components/ui/TagList';
import type { PersonProfileFragment } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';
import { formatDateRange } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import { isLanguage, languageNames } from '../../../lib/i18n/languages';

/**
 * What the viewer may see of a person. Everything the server withholds comes
 * back empty or null, and the section is then left out rather than shown bare.
 */
export function PersonDetails({
  person,
  headingLevel = 2,
  linkCourses = true,
}: {
  person: PersonProfileFragment;
  headingLevel?: 2 | 3;
  linkCourses?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const activities = nodes(person.activities);
  const interests = nodes(person.interests);
  const enrollments = nodes(person.enrollments);
  const trained = nodes(person.trainedCohorts);
  const contact = person.contact;
  const hasContact = !!(contact && (contact.email || contact.phone || contact.telegram));
  const bio = person.profile?.bio ?? '';
  const spoken = (person.profile?.languages ?? []).map((l) => (isLanguage(l) ? languageNames[l] : l));

  const courseName = (c: { id: string; name: string }) =>
    linkCourses ? <Link to={`/courses/${c.id}`}>{c.name}</Link> : c.name;

  return (
    <div className="person-details">
      <dl className="facts">
        {person.city ? (
          <div>
            <dt>{t('person.city')}</dt>
            <dd>{person.city}</dd>
          </div>
        ) : null}
        {spoken.length > 0 ? (
          <div>
            <dt>{t('person.languages')}</dt>
            <dd>{spoken.join(', ')}</dd>
          </div>
        ) : null}
        {person.isTrainer ? (
          <div>
            <dt>{t('person.role')}</dt>
            <dd>{t('person.trainer')}</dd>
          </div>
        ) : null}
        {person.organization ? (
          <div>
            <dt>{t('person.organization')}</dt>
            <dd>{person.organization.name}</dd>
          </div>
        ) : null}
      </dl>

      {bio ? (
        <section aria-labelledby={`bio-${person.id}`}>
          <H id={`bio-${person.id}`}>{t('person.about')}</H>
          <p className="bio">{bio}</p>
        </section>
      ) : null}

      {activities.length + interests.length > 0 ? (
        <section aria-labelledby={`tags-${person.id}`}>
          <H id={`tags-${person.id}`}>{t('person.doesAndLikes')}</H>
          {activities.length > 0 ? (
            <>
              <p className="tags-label">{t('person.activities')}</p>
              <TagList tags={activities} label={t('person.activities')} />
            </>
          ) : null}
          {interests.length > 0 ? (
            <>
              <p className="tags-label">{t('person.interests')}</p>
              <TagList tags={interests} label={t('person.interests')} />
            </>
          ) : null}
        </section>
      ) : null}

      {enrollments.length > 0 ? (
        <section aria-labelledby={`courses-${person.id}`}>
          <H id={`courses-${person.id}`}>{t('person.courses')}</H>
          <ul className="plain-list">
            {enrollments.map((e) => {
              const trainers = nodes(e.cohort.trainers);
              return (
                <li key={e.id}>
                  <strong>{courseName(e.cohort)}</strong>
                  <span className="muted">
                    {' '}
                    · {e.cohort.city} · {formatDateRange(e.cohort.startDate, e.cohort.endDate, lang)}
                  </span>
                  {trainers.length > 0 ? (
                    <p className="small">
                      {t('person.trainersOfCourse')}{' '}
                      {trainers.map((tr, i) => (
                        <span key={tr.id}>
                          {i > 0 ? ', ' : ''}
                          {linkCourses ? (
                            <Link to={`/people/${tr.id}`}>
                              {tr.givenName} {tr.familyName}
                            </Link>
                          ) : (
                            `${tr.givenName} ${tr.familyName}`
                          )}
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {trained.length > 0 ? (
        <section aria-labelledby={`trained-${person.id}`}>
          <H id={`trained-${person.id}`}>{t('person.trainedCourses', { count: person.trainedCohorts.totalCount })}</H>
          <ul className="plain-list">
            {trained.map((c) => (
              <li key={c.id}>
                <strong>{courseName(c)}</strong>
                <span className="muted">
                  {' '}
                  · {c.city} · {formatDateRange(c.startDate, c.endDate, lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby={`contact-${person.id}`}>
        <H id={`contact-${person.id}`}>{t('person.contact')}</H>
        {hasContact ? (
          <dl className="facts">
            {contact?.email ? (
              <div>
                <dt>{t('fields.email')}</dt>
                <dd>
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </dd>
              </div>
            ) : null}
            {contact?.phone ? (
              <div>
                <dt>{t('fields.phone')}</dt>
                <dd>
                  <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                </dd>
              </div>
            ) : null}
            {contact?.telegram ? (
              <div>
                <dt>{t('fields.telegram')}</dt>
                <dd>{contact.telegram}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="muted">{t('person.contactHidden')}</p>
        )}
      </section>
    </div>
  );
}
