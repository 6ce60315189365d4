import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider, useQuery, type Client } from 'urql';
import type { ViewerQuery as ViewerQueryResult } from '../../../gql/graphql';
import { createAppClient } from '../../../lib/graphql/client';
import { ViewerQuery } from '../api/documents';

export type Viewer = NonNullable<ViewerQueryResult['viewer']>;

interface Session {
  viewer: Viewer | null;
  /** True until the first viewer answer has come. */
  loading: boolean;
  /** Starts afresh after sign-in or sign-out: a new client, an empty cache. */
  reset: () => void;
  client: Client;
}

const SessionContext = createContext<Session | null>(null);

function ViewerGate({ client, reset, children }: { client: Client; reset: () => void; children: ReactNode }) {
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  // Any error (no session, server without accounts yet) means anonymous.
  const viewer = error ? null : (data?.viewer ?? null);
  // Until this client's first answer, nobody is known: not even "anonymous".
  const loading = !data && !error;
  const value = useMemo(() => ({ viewer, loading, reset, client }), [viewer, loading, reset, client]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * Holds the GraphQL client and the signed-in viewer. Signing in or out makes a
 * new client, so nothing cached for one viewer is shown to another.
 */
export function AuthProvider({
  children,
  makeClient = createAppClient,
}: {
  children: ReactNode;
  makeClient?: () => Client;
}) {
  const [client, setClient] = useState(makeClient);
  const reset = useCallback(() => setClient(makeClient()), [makeClient]);
  return (
    <UrqlProvider value={client}>
      <ViewerGate client={client} reset={reset}>
        {children}
      </ViewerGate>
    </UrqlProvider>
  );
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside AuthProvider');
  return s;
}

export function isStaff(viewer: Viewer | null): boolean {
  return viewer?.role === 'ADMIN' || viewer?.role === 'STAFF';
}
