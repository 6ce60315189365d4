import { graphql } from '../../../gql';

export const AdminCohortsQuery = graphql(`
  query AdminCohorts {
    cohorts(first: 50, orderBy: [{ field: START_DATE, direction: DESC }]) {
      totalCount
      edges {
        node {
          id
          name
          city
          startDate
          endDate
          capacity
          status
          enrollments {
            totalCount
          }
        }
      }
    }
    programs(first: 20) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CreateCohortMutation = graphql(`
  mutation CreateCohort($input: CreateCohortInput!) {
    createCohort(input: $input) {
      id
      name
      city
      startDate
      endDate
      capacity
      status
    }
  }
`);

export const AdminPeopleQuery = graphql(`
  query AdminPeople {
    people(first: 100, orderBy: [{ field: FAMILY_NAME }, { field: GIVEN_NAME }]) {
      edges {
        node {
          id
          givenName
          familyName
        }
      }
    }
    organizations(first: 100, orderBy: [{ field: NAME }]) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CohortEnrollmentsQuery = graphql(`
  query CohortEnrollments($id: ID!) {
    node(id: $id) {
      __typename
      ... on Cohort {
        id
        name
        capacity
        enrollments(first: 100) {
          totalCount
          edges {
            node {
              id
              status
              person {
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
`);

export const CreateEnrollmentMutation = graphql(`
  mutation CreateEnrollment($input: CreateEnrollmentInput!) {
    createEnrollment(input: $input) {
      id
      status
    }
  }
`);

export const UpdateEnrollmentMutation = graphql(`
  mutation UpdateEnrollment($id: ID!, $input: UpdateEnrollmentInput!) {
    updateEnrollment(id: $id, input: $input) {
      id
      status
    }
  }
`);

export const CreateInvitationMutation = graphql(`
  mutation CreateInvitation($input: CreateInvitationInput!) {
    createInvitation(input: $input) {
      code
      invitation {
        id
        email
        role
        expiresAt
      }
    }
  }
`);

export const InvitationsQuery = graphql(`
  query Invitations {
    invitations(first: 30) {
      totalCount
      edges {
        node {
          id
          email
          role
          createdAt
          expiresAt
          usedAt
          person {
            id
            givenName
            familyName
          }
          organization {
            id
            name
          }
        }
      }
    }
  }
`);
