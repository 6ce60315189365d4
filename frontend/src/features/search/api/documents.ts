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
