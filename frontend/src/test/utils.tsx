import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import {
  cacheExchange,
  Client,
  getOperationName,
  makeErrorResult,
  makeResult,
  type Exchange,
  type Operation,
} from '@urql/core';
import { MemoryRouter } from 'react-router';
import { filter, map, pipe } from 'wonka';
import { AnnouncerProvider } from '../components/ui/Announcer';
import { AuthProvider } from '../features/auth';
import { PrefsProvider } from '../features/preferences';

export interface MockResult {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

type Handler = MockResult | ((variables: Record<string, unknown>) => MockResult);

export interface Call {
  name: string;
  kind: Operation['kind'];
  variables: Record<string, unknown>;
}

/**
 * A urql client whose answers come from handlers keyed by operation name.
 * `calls` records every operation sent, to assert on variables.
 */
export function mockClient(handlers: Record<string, Handler>) {
  const calls: Call[] = [];
  const all: Record<string, Handler> = { Viewer: { data: { viewer: null } }, ...handlers };
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      map((op) => {
        const name = getOperationName(op.query) ?? '';
        const variables = (op.variables ?? {}) as Record<string, unknown>;
        calls.push({ name, kind: op.kind, variables });
        const h = all[name];
        if (!h) return makeErrorResult(op, new Error(`no mock for ${name}`));
        const res = typeof h === 'function' ? h(variables) : h;
        return makeResult(op, { data: res.data ?? null, errors: res.errors } as never);
      }),
    );
  const client = new Client({ url: '/graphql', exchanges: [cacheExchange, exchange] });
  return { client, calls };
}

export function renderWithApp(
  ui: ReactElement,
  { route = '/', client = mockClient({}).client }: { route?: string; client?: Client } = {},
): RenderResult {
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <PrefsProvider>
      <AnnouncerProvider>
        <AuthProvider makeClient={() => client}>
          <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
        </AuthProvider>
      </AnnouncerProvider>
    </PrefsProvider>
  );
  return render(ui, { wrapper: Wrapper });
}

/** The polite live region's current text. */
export function announcer(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-testid="announcer"]');
  if (!el) throw new Error('no live region');
  return el;
}

export const tag = (id: string, en: string, ru = `${en} (ru)`, kk = `${en} (kk)`) => ({
  __typename: 'Activity' as const,
  id,
  labelEn: en,
  labelRu: ru,
  labelKk: kk,
});

export const edges = <T,>(items: T[]) => items.map((node) => ({ __typename: 'Edge', node }));
