import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { nodes } from '../../lib/connection';
import { yearOf } from '../../lib/format';

/**
 * The choices of the people filters (PeopleFilterFields): activities,
 * interests, and the courses whose cities and years are offered. One
 * query for the directory and the search page, cached once for both.
 */
export const PeopleFilterOptionsQuery = graphql(`
  query PeopleFilterOptions {
    activities(first: 100, orderBy: { field: LABEL_EN }) {
      edges {
        node {
          id
          labelKk
          labelRu
          labelEn
        }
      }
    }
    interests(first: 100, orderBy: { field: LABEL_EN }) {
      edges {
        node {
          id
          labelKk
          labelRu
          labelEn
        }
      }
    }
    cohorts(first: 100, orderBy: [{ field: START_DATE, direction: DESC }]) {
      edges {
        node {
          id
          city
          startDate
        }
      }
    }
  }
`);

/**
 * The choices of the people filters, from PeopleFilterOptionsQuery: the
 * activities and interests, and the years (newest first) and cities
 * (sorted) of the courses.
 */
export function usePeopleFilterOptions() {
  const [{ data }] = useQuery({ query: PeopleFilterOptionsQuery });
  return useMemo(() => {
    const cohorts = nodes(data?.cohorts);
    return {
      activities: nodes(data?.activities),
      interests: nodes(data?.interests),
      years: [...new Set(cohorts.map((c) => yearOf(c.startDate)))].sort((a, b) => b - a),
      cities: [...new Set(cohorts.map((c) => c.city).filter(Boolean))].sort(),
    };
  }, [data]);
}
