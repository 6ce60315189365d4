import { Client, fetchExchange } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import { embeddedTypes } from '../../gql/cache-keys';

const keys: KeyingConfig = Object.fromEntries(embeddedTypes.map((name) => [name, () => null]));

const fetchOptions: RequestInit = {
  credentials: 'same-origin',
  headers: { Accept: 'application/graphql-response+json, application/json' },
};

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
    exchanges: [cacheExchange({ keys }), fetchExchange],
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
    exchanges: [fetchExchange],
  });
}
