import { graphql } from '../../../gql';

export const CoursesQuery = graphql(`
  query Courses($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    cohorts(
      first: $first
      after: $after
      last: $last
      before: $before
      orderBy: [{ field: START_DATE, direction: DESC }]
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
          name
          city
          startDate
          endDate
          status
          capacity
          program {
            id
            name
          }
        }
      }
    }
  }
`);

export const CourseQuery = graphql(`
  query Course($id: ID!) {
    node(id: $id) {
      __typename
      ... on Cohort {
        id
        name
        city
        venue
        startDate
        endDate
        capacity
        status
        program {
          id
          name
          description
        }
        activities(first: 20) {
          edges {
            node {
              id
              labelKk
              labelRu
              labelEn
            }
          }
        }
        trainers(first: 20, orderBy: [{ field: FAMILY_NAME }]) {
          edges {
            node {
              id
              givenName
              familyName
            }
          }
        }
        enrollments(first: 50) {
          totalCount
          edges {
            node {
              id
              status
              person {
                id
                givenName
                familyName
                city
              }
            }
          }
        }
        fundings(first: 20, orderBy: [{ field: YEAR, direction: DESC }]) {
          edges {
            node {
              id
              amountKzt
              year
              purpose
              funder {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);
