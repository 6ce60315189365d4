import { graphql } from '../../../gql';

export const SearchPeopleQuery = graphql(`
  query SearchPeople($query: String, $filter: PeopleFilter, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    searchPeople(query: $query, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...PersonCard
        }
      }
    }
  }
`);

export const SearchFilterOptionsQuery = graphql(`
  query SearchFilterOptions {
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
