import { graphql } from '../../../gql';

export const AccountQuery = graphql(`
  query Account {
    viewer {
      id
      email
      role
      person {
        id
        consents {
          kind
          granted
          grantedAt
          revokedAt
        }
      }
    }
  }
`);

export const SetConsentMutation = graphql(`
  mutation SetConsent($kind: ConsentKind!, $granted: Boolean!) {
    setConsent(kind: $kind, granted: $granted) {
      kind
      granted
      grantedAt
      revokedAt
    }
  }
`);

export const MyDataQuery = graphql(`
  query MyData {
    myData
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const SignOutEverywhereMutation = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

export const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);
