import type { ConnectionFieldsFragment } from '../../gql/graphql';

/** Where the viewer stands with another person, as their connect button shows it. */
export type ConnectionState =
  | { kind: 'none' }
  | { kind: 'sent'; id: string }
  | { kind: 'received'; id: string; message: string }
  | { kind: 'connected'; id: string }
  | { kind: 'notAccepted' }
  | { kind: 'blocked' };

type Conn = Pick<ConnectionFieldsFragment, 'id' | 'status' | 'direction' | 'message'>;

/**
 * The state of the viewer's connection with a person (null: none). A request
 * the viewer withdrew, or one they declined, lets them ask again; a request of
 * theirs that was declined does not (the server refuses it).
 */
export function connectionState(conn: Conn | null | undefined): ConnectionState {
  if (!conn) return { kind: 'none' };
  const mine = conn.direction === 'OUTGOING';
  switch (conn.status) {
    case 'PENDING':
      return mine ? { kind: 'sent', id: conn.id } : { kind: 'received', id: conn.id, message: conn.message };
    case 'ACCEPTED':
      return { kind: 'connected', id: conn.id };
    case 'DECLINED':
      return mine ? { kind: 'notAccepted' } : { kind: 'none' };
    case 'BLOCKED':
      return { kind: 'blocked' };
    default:
      return { kind: 'none' };
  }
}

/** The viewer's connection with each person, by the other person's id. */
export function byPerson<T extends Pick<ConnectionFieldsFragment, 'requesterID' | 'addresseeID' | 'direction'>>(
  conns: readonly T[],
): Map<string, T> {
  const out = new Map<string, T>();
  for (const c of conns) out.set(c.direction === 'OUTGOING' ? c.addresseeID : c.requesterID, c);
  return out;
}

export const maxMessageLength = 500;

/** Whether a viewer can ask people to connect: a member of the directory, not a partner. */
export function canConnect(viewer: { role: string; person?: { id: string } | null } | null): boolean {
  return !!viewer?.person && viewer.role !== 'PARTNER';
}
