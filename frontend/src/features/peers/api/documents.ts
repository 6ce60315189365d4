import { graphql } from '../../../gql';

export const SuggestedPeersQuery = graphql(`
  query SuggestedPeers($first: Int!) {
    suggestedPeers(first: $first) {
      score
      person {
        id
        givenName
        familyName
        city
        isTrainer
      }
      reasons {
        kind
        city
        lookingFor
        cohort {
          id
          name
          city
          startDate
        }
        activity {
          id
          slug
          labelKk
          labelRu
          labelEn
        }
        interest {
          id
          slug
          labelKk
          labelRu
          labelEn
        }
      }
    }
  }
`);
