import { graphql } from '../../../gql';

export const PartnersQuery = graphql(`
  query Partners {
    organizations(first: 100, orderBy: [{ field: NAME }]) {
      totalCount
      edges {
        node {
          id
          name
          kind
          city
          website
          description
          programs(first: 10) {
            edges {
              node {
                id
                name
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
      }
    }
  }
`);
