import { graphql } from '../../../gql';

export const MyProfileQuery = graphql(`
  query MyProfile {
    viewer {
      id
      email
      role
      person {
        ...PersonProfile
        privacy {
          profileVisibility
          contactVisibility
          listedInDirectory
          visibleToPartners
        }
      }
    }
  }
`);

export const UpdatePrivacyMutation = graphql(`
  mutation UpdatePrivacy($input: UpdatePrivacyInput!) {
    updatePrivacy(input: $input) {
      id
      privacy {
        profileVisibility
        contactVisibility
        listedInDirectory
        visibleToPartners
      }
    }
  }
`);

export const ProfilePreviewQuery = graphql(`
  query ProfilePreview($audience: PreviewAudience!) {
    profilePreview(audience: $audience) {
      ...PersonProfile
    }
  }
`);

export const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      ...PersonProfile
    }
  }
`);
