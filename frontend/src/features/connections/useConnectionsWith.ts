import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../auth';
import { ConnectionsWithQuery } from './api/documents';
import { byPerson, canConnect } from './state';

/**
 * The viewer's connections with the given people, by person id: one query for
 * a whole list, to show each person's connect button. Nothing is asked for a
 * visitor or a partner, who do not connect.
 */
export function useConnectionsWith(personIDs: readonly string[]) {
  const { viewer } = useSession();
  const enabled = canConnect(viewer) && personIDs.length > 0;
  const ids = useMemo(() => [...personIDs], [personIDs.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const [{ data, fetching }] = useQuery({
    query: ConnectionsWithQuery,
    variables: { personIDs: ids },
    pause: !enabled,
  });
  const map = useMemo(() => byPerson(data?.connectionsWith ?? []), [data]);
  // Kept while a refetch runs, so buttons (and focus on them) stay put.
  return { enabled, ready: enabled && !!data, fetching, byPerson: map, selfId: viewer?.person?.id ?? null };
}
