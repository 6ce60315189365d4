import { Client, fetchExchange } from '@urql/core';
import { cacheExchange, type Cache, type KeyingConfig, type UpdatesConfig } from '@urql/exchange-graphcache';
import { persistedExchange } from '@urql/exchange-persisted';
import { embeddedTypes } from '../../gql/cache-keys';

const keys: KeyingConfig = Object.fromEntries(embeddedTypes.map((name) => [name, () => null]));

const fetchOptions: RequestInit = {
  credentials: 'same-origin',
  headers: { Accept: 'application/graphql-response+json, application/json' },
};

/** Lists whose members change when a connection does. */
const connectionLists = new Set([
  'connectionsWith',
  'myConnections',
  'pendingRequests',
  'pendingRequestCount',
  'blockedPeople',
]);

/**
 * After a connection changes, the lists that hold connections are fetched
 * again, and so are the contact details of the people involved: accepting a
 * request makes them visible, ending a connection or blocking hides them.
 */
function connectionChanged(result: Record<string, unknown>, args: Record<string, unknown>, cache: Cache) {
  for (const f of cache.inspectFields('Query')) {
    if (connectionLists.has(f.fieldName)) cache.invalidate('Query', f.fieldName, f.arguments ?? undefined);
  }
  const people = new Set<string>();
  if (typeof args.personID === 'string') people.add(args.personID);
  for (const value of Object.values(result)) {
    if (value && typeof value === 'object') {
      const c = value as { requesterID?: unknown; addresseeID?: unknown };
      if (typeof c.requesterID === 'string') people.add(c.requesterID);
      if (typeof c.addresseeID === 'string') people.add(c.addresseeID);
    }
  }
  for (const id of people) cache.invalidate({ __typename: 'Person', id }, 'contact');
}

/** The cache key of the signed-in viewer's Person, if known. */
function viewerPerson(cache: Cache): string | null {
  const account = cache.resolve('Query', 'viewer');
  if (typeof account !== 'string') return null;
  const person = cache.resolve(account, 'person');
  return typeof person === 'string' ? person : null;
}

/**
 * The directory-listing consent and the "show me in the list" privacy
 * setting are one thing on the server: changing either changes the other,
 * which is then read again.
 */
function consentChanged(_result: unknown, _args: unknown, cache: Cache) {
  const person = viewerPerson(cache);
  if (person) cache.invalidate(person, 'privacy');
}

function privacyChanged(_result: unknown, _args: unknown, cache: Cache) {
  const person = viewerPerson(cache);
  if (person) cache.invalidate(person, 'consents');
}

const updates: UpdatesConfig = {
  Mutation: {
    setConsent: consentChanged,
    updatePrivacy: privacyChanged,
    ...Object.fromEntries(
      [
        'requestConnection',
        'acceptConnection',
        'declineConnection',
        'withdrawConnection',
        'removeConnection',
        'blockPerson',
        'unblockPerson',
      ].map((name) => [name, connectionChanged]),
    ),
  },
};

/**
 * Automatic persisted queries: a query is sent by its SHA-256 hash, and its
 * text only when the server does not know it yet, which keeps requests small
 * on slow mobile connections. Still JSON POST (the CSRF defence); mutations
 * are sent in full.
 */
const persisted = () => persistedExchange({ preferGetForPersistedQueries: false });

/**
 * The app's client: a normalized cache (graphcache) in front of POST /graphql.
 * A new client is made whenever the viewer changes (sign in, sign out), so no
 * data seen under one account is ever shown under another.
 */
export function createAppClient(url = '/graphql'): Client {
  return new Client({
    url,
    preferGetMethod: false, // the server accepts JSON POST only (CSRF defence)
    fetchOptions,
    exchanges: [cacheExchange({ keys, updates }), persisted(), fetchExchange],
  });
}

/**
 * A client without a normalized cache, for answers that must not be merged
 * into the app's view of an entity: a profile preview returns the viewer's own
 * Person with fields hidden, which must not overwrite the real one.
 */
export function createUncachedClient(url = '/graphql'): Client {
  return new Client({
    url,
    preferGetMethod: false,
    fetchOptions,
    requestPolicy: 'network-only',
    exchanges: [persisted(), fetchExchange],
  });
}
