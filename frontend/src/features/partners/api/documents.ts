import { graphql } from '../../../gql';

// Two flat lists rather than fundings nested in organizations: the server
// limits a query's complexity, and nested pages multiply it.
export const PartnersQuery = graphql(`
  query Partners {
    organizations(first: 50, orderBy: [{ field: NAME }]) {
      totalCount
      edges {
        node {
          id
          name
          kind
          city
          website
          description
        }
      }
    }
    programs(first: 20) {
      edges {
        node {
          id
          name
          operator {
            id
          }
        }
      }
    }
    fundings(first: 100, orderBy: [{ field: YEAR, direction: DESC }]) {
      totalCount
      edges {
        node {
          id
          amountKzt
          year
          purpose
          funder {
            id
          }
          program {
            id
            name
          }
          cohort {
            id
            name
          }
        }
      }
    }
  }
`);
