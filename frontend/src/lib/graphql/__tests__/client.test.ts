import { afterEach, describe, expect, it, vi } from 'vitest';
import { AcceptConnectionMutation, ConnectionsWithQuery } from '../../../features/connections/api/documents';
import { createAppClient } from '../client';

const conn = (status: string) => ({
  __typename: 'Connection',
  id: 'c1',
  status,
  direction: 'INCOMING',
  message: '',
  createdAt: '2026-11-13T10:00:00Z',
  respondedAt: null,
  requesterID: 'p7',
  addresseeID: 'p1',
});

afterEach(() => vi.unstubAllGlobals());

describe('the app client’s cache', () => {
  it('asks again for connection lists after a connection changes', async () => {
    const sent: string[] = [];
    let status = 'PENDING';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(String(init.body)) as { operationName: string };
        sent.push(body.operationName);
        const data =
          body.operationName === 'AcceptConnection'
            ? ((status = 'ACCEPTED'), { acceptConnection: conn('ACCEPTED') })
            : { connectionsWith: [conn(status)] };
        return new Response(JSON.stringify({ data }), { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const client = createAppClient('http://localhost/graphql');
    const vars = { personIDs: ['p7'] };
    const first = await client.query(ConnectionsWithQuery, vars).toPromise();
    expect(first.data?.connectionsWith[0]?.status).toBe('PENDING');
    // a second read comes from the cache
    await client.query(ConnectionsWithQuery, vars).toPromise();
    expect(sent).toEqual(['ConnectionsWith']);

    await client.mutation(AcceptConnectionMutation, { id: 'c1' }).toPromise();
    const after = await client.query(ConnectionsWithQuery, vars).toPromise();
    expect(sent).toEqual(['ConnectionsWith', 'AcceptConnection', 'ConnectionsWith']);
    expect(after.data?.connectionsWith[0]?.status).toBe('ACCEPTED');
  });
});
