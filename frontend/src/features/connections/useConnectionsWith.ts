import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../auth';
import { ConnectionsWithQuery, PeopleAcceptingRequestsQuery } from './api/documents';
import { byPerson, canConnect } from './state';

/**
 * The viewer's connections with the given people, by person id, and which of
 * them take connection requests: two small queries for a whole list (not one
 * per person), to show each person's connect button. Nothing is asked for a visitor or a partner, who do
 * not connect.
 */
export function useConnectionsWith(personIDs: readonly string[]) {
  const { viewer } = useSession();
  const enabled = canConnect(viewer) && personIDs.length > 0;
  const ids = useMemo(() => [...personIDs], [personIDs.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const [{ data }] = useQuery({
    query: ConnectionsWithQuery,
    variables: { personIDs: ids },
    pause: !enabled,
  });
  const [{ data: acceptingData }] = useQuery({
    query: PeopleAcceptingRequestsQuery,
    variables: { personIDs: ids },
    pause: !enabled,
  });
  const map = useMemo(() => byPerson(data?.connectionsWith ?? []), [data]);
  const accepting = useMemo(() => new Set(acceptingData?.peopleAcceptingRequests ?? []), [acceptingData]);
  // Kept while a refetch runs, so buttons (and focus on them) stay put.
  return {
    enabled,
    ready: enabled && !!data && !!acceptingData,
    byPerson: map,
    /** Whether the person takes connection requests (a request to anyone else is refused). */
    acceptsRequests: (id: string) => accepting.has(id),
    selfId: viewer?.person?.id ?? null,
  };
}
