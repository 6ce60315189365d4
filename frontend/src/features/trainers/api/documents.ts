import { graphql } from '../../../gql';

export const TrainersQuery = graphql(`
  query Trainers($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    trainers(
      first: $first
      after: $after
      last: $last
      before: $before
      orderBy: [{ field: FAMILY_NAME }, { field: GIVEN_NAME }]
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          givenName
          familyName
          city
          profile {
            id
            bio
          }
          activities(first: 6) {
            edges {
              node {
                id
                labelKk
                labelRu
                labelEn
              }
            }
          }
          trainedCohorts {
            totalCount
          }
        }
      }
    }
  }
`);
