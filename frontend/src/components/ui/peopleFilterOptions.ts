import { graphql } from '../../gql';

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
