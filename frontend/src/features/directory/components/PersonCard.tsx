import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TagList } from '../../../components/ui/TagList';
import type { PersonCardFragment } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';

/** One person in a list: name (a link to the profile), city, what they do. */
export function PersonCard({
  person,
  headingLevel = 3,
  children,
}: {
  person: PersonCardFragment;
  headingLevel?: 2 | 3;
  /** More about the person, at the card's end (e.g. a connect button). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const activities = nodes(person.activities);
  const interests = nodes(person.interests);
  return (
    <article className="card person-card">
      <H className="card-title">
        <Link to={`/people/${person.id}`}>
          {person.givenName} {person.familyName}
        </Link>
      </H>
      <p className="card-meta">
        {person.city ? <span>{person.city}</span> : null}
        {person.isTrainer ? <span className="badge">{t('person.trainer')}</span> : null}
      </p>
      <TagList tags={activities} label={t('person.activities')} />
      <TagList tags={interests} label={t('person.interests')} />
      {children}
    </article>
  );
}
