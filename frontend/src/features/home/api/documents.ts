import { graphql } from '../../../gql';

export const HomeQuery = graphql(`
  query Home {
    people {
      totalCount
    }
    cohorts {
      totalCount
    }
    organizations {
      totalCount
    }
    upcoming: cohorts(first: 3, where: { statusIn: [PLANNED, OPEN] }, orderBy: [{ field: START_DATE }]) {
      edges {
        node {
          id
          name
          city
          startDate
          endDate
          status
        }
      }
    }
  }
`);
