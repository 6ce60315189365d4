import { graphql } from '../../../gql';

export const DirectoryPeopleQuery = graphql(`
  query DirectoryPeople($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: PersonWhereInput) {
    people(
      first: $first
      after: $after
      last: $last
      before: $before
      where: $where
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
          ...PersonCard
        }
      }
    }
  }
`);

export const PersonCardFragment = graphql(`
  fragment PersonCard on Person {
    id
    givenName
    familyName
    city
    isTrainer
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
    interests(first: 6) {
      edges {
        node {
          id
          labelKk
          labelRu
          labelEn
        }
      }
    }
  }
`);
