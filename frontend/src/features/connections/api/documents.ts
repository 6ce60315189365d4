import { graphql } from '../../../gql';

export const ConnectionFieldsFragment = graphql(`
  fragment ConnectionFields on Connection {
    id
    status
    direction
    message
    createdAt
    respondedAt
    requesterID
    addresseeID
  }
`);

/** Your connections with the people of a list, for their connect buttons. */
export const ConnectionsWithQuery = graphql(`
  query ConnectionsWith($personIDs: [ID!]!) {
    connectionsWith(personIDs: $personIDs) {
      ...ConnectionFields
    }
  }
`);

/**
 * Which people of a list take connection requests (their PEER_CONTACT
 * consent), so that a Connect button is offered only to them. Apart from
 * ConnectionsWith, which is fetched again after every connection change.
 */
export const PeopleAcceptingRequestsQuery = graphql(`
  query PeopleAcceptingRequests($personIDs: [ID!]!) {
    peopleAcceptingRequests(personIDs: $personIDs)
  }
`);

export const PendingRequestCountQuery = graphql(`
  query PendingRequestCount {
    pendingRequestCount
  }
`);

export const ConnectionPersonFragment = graphql(`
  fragment ConnectionPerson on Person {
    id
    givenName
    familyName
    city
    contact {
      id
      email
      phone
      telegram
    }
  }
`);

export const ConnectionsPageQuery = graphql(`
  query ConnectionsPage($inFirst: Int!, $outFirst: Int!, $myFirst: Int!) {
    incoming: pendingRequests(direction: INCOMING, first: $inFirst) {
      totalCount
      edges {
        node {
          ...ConnectionFields
          requester {
            ...ConnectionPerson
          }
        }
      }
    }
    outgoing: pendingRequests(direction: OUTGOING, first: $outFirst) {
      totalCount
      edges {
        node {
          ...ConnectionFields
          addressee {
            ...ConnectionPerson
          }
        }
      }
    }
    myConnections(first: $myFirst) {
      totalCount
      edges {
        node {
          ...ConnectionFields
          requester {
            ...ConnectionPerson
          }
          addressee {
            ...ConnectionPerson
          }
        }
      }
    }
    blockedPeople(first: 50) {
      totalCount
      edges {
        node {
          ...ConnectionFields
          addressee {
            id
            givenName
            familyName
          }
        }
      }
    }
  }
`);

export const RequestConnectionMutation = graphql(`
  mutation RequestConnection($personID: ID!, $message: String) {
    requestConnection(personID: $personID, message: $message) {
      ...ConnectionFields
    }
  }
`);

export const AcceptConnectionMutation = graphql(`
  mutation AcceptConnection($id: ID!) {
    acceptConnection(id: $id) {
      ...ConnectionFields
    }
  }
`);

export const DeclineConnectionMutation = graphql(`
  mutation DeclineConnection($id: ID!) {
    declineConnection(id: $id) {
      ...ConnectionFields
    }
  }
`);

export const WithdrawConnectionMutation = graphql(`
  mutation WithdrawConnection($id: ID!) {
    withdrawConnection(id: $id) {
      ...ConnectionFields
    }
  }
`);

export const RemoveConnectionMutation = graphql(`
  mutation RemoveConnection($id: ID!) {
    removeConnection(id: $id)
  }
`);

export const BlockPersonMutation = graphql(`
  mutation BlockPerson($personID: ID!) {
    blockPerson(personID: $personID)
  }
`);

export const UnblockPersonMutation = graphql(`
  mutation UnblockPerson($personID: ID!) {
    unblockPerson(personID: $personID)
  }
`);
