import { graphql } from '../../../gql';

export const PersonProfileFragment = graphql(`
  fragment PersonProfile on Person {
    id
    givenName
    familyName
    city
    isTrainer
    profile {
      id
      bio
      languages
    }
    organization {
      id
      name
    }
    contact {
      id
      email
      phone
      telegram
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
    interests(first: 20) {
      edges {
        node {
          id
          labelKk
          labelRu
          labelEn
        }
      }
    }
    enrollments(first: 10) {
      edges {
        node {
          id
          status
          cohort {
            id
            name
            city
            startDate
            endDate
            trainers(first: 8) {
              edges {
                node {
                  id
                  givenName
                  familyName
                }
              }
            }
          }
        }
      }
    }
    trainedCohorts(first: 20, orderBy: [{ field: START_DATE, direction: DESC }]) {
      totalCount
      edges {
        node {
          id
          name
          city
          startDate
          endDate
        }
      }
    }
  }
`);

export const PersonQuery = graphql(`
  query Person($id: ID!) {
    node(id: $id) {
      __typename
      ... on Person {
        ...PersonProfile
      }
    }
  }
`);
