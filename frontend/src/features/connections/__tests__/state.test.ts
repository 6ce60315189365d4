import { describe, expect, it } from 'vitest';
import { byPerson, canConnect, connectionState } from '../state';

const conn = (status: string, direction: 'INCOMING' | 'OUTGOING', message = '') =>
  ({ id: 'c1', status, direction, message }) as Parameters<typeof connectionState>[0];

describe('connection state', () => {
  it('follows the state machine from the viewer’s side', () => {
    expect(connectionState(null)).toEqual({ kind: 'none' });
    expect(connectionState(conn('PENDING', 'OUTGOING'))).toEqual({ kind: 'sent', id: 'c1' });
    expect(connectionState(conn('PENDING', 'INCOMING', 'hi'))).toEqual({ kind: 'received', id: 'c1', message: 'hi' });
    expect(connectionState(conn('ACCEPTED', 'INCOMING'))).toEqual({ kind: 'connected', id: 'c1' });
    // my request was declined: I cannot ask again
    expect(connectionState(conn('DECLINED', 'OUTGOING'))).toEqual({ kind: 'notAccepted' });
    // I declined theirs, or withdrew mine: I may ask
    expect(connectionState(conn('DECLINED', 'INCOMING'))).toEqual({ kind: 'none' });
    expect(connectionState(conn('WITHDRAWN', 'OUTGOING'))).toEqual({ kind: 'none' });
    expect(connectionState(conn('BLOCKED', 'OUTGOING'))).toEqual({ kind: 'blocked' });
  });

  it('indexes connections by the other person', () => {
    const m = byPerson([
      { requesterID: 'me', addresseeID: 'p1', direction: 'OUTGOING' as const },
      { requesterID: 'p2', addresseeID: 'me', direction: 'INCOMING' as const },
    ]);
    expect([...m.keys()]).toEqual(['p1', 'p2']);
  });

  it('lets members connect, not visitors, partners or accounts without a person', () => {
    expect(canConnect(null)).toBe(false);
    expect(canConnect({ role: 'MEMBER', person: { id: '1' } })).toBe(true);
    expect(canConnect({ role: 'STAFF', person: { id: '1' } })).toBe(true);
    expect(canConnect({ role: 'PARTNER', person: { id: '1' } })).toBe(false);
    expect(canConnect({ role: 'MEMBER', person: null })).toBe(false);
  });
});
