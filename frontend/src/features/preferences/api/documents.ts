import { graphql } from '../../../gql';

export const SetLocaleMutation = graphql(`
  mutation SetLocale($locale: AccountLocale!) {
    setLocale(locale: $locale) {
      id
      locale
    }
  }
`);
