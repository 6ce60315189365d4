import type { CombinedError } from '@urql/core';
import type { GraphQLError } from 'graphql';
import type { TFunction } from 'i18next';

export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED' | 'NETWORK' | 'UNKNOWN';

const known: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'RATE_LIMITED'];

/** The first error's code, as the server's error presenter names it. */
export function errorCode(error: CombinedError | undefined | null): ErrorCode | null {
  if (!error) return null;
  if (error.networkError) return 'NETWORK';
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && (known as string[]).includes(code)) return code as ErrorCode;
  }
  return 'UNKNOWN';
}

/** The general message, in the viewer's language, for the error's code. */
export function errorMessage(error: CombinedError | undefined | null, t: TFunction): string {
  return t(`errors.${errorCode(error) ?? 'UNKNOWN'}`);
}

/**
 * Field problems from BAD_USER_INPUT errors. The server names the field before
 * a colon ("capacity: must be greater than 0"); the field key is matched
 * without case or underscores, so "start_date" and "startDate" are the same.
 */
export function fieldErrors(error: CombinedError | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of inputErrors(error)) {
    const f = fieldOf(e);
    if (f) out[f.key] = f.message;
  }
  return out;
}

/** The messages of the input errors (BAD_USER_INPUT) that name no field. */
export function unnamedInputErrors(error: CombinedError | undefined | null): string[] {
  return inputErrors(error)
    .filter((e) => !fieldOf(e))
    .map((e) => e.message);
}

function inputErrors(error: CombinedError | undefined | null): GraphQLError[] {
  return (error?.graphQLErrors ?? []).filter((e) => e.extensions?.code === 'BAD_USER_INPUT');
}

/** The field an input error names ("field: message", or extensions.field), if any. */
function fieldOf(e: GraphQLError): { key: string; message: string } | undefined {
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*:\s*(.+)$/.exec(e.message);
  const name = field ?? m?.[1];
  if (!name) return undefined;
  return { key: normalizeField(name.split('.').pop() ?? name), message: m?.[2] ?? e.message };
}

export function normalizeField(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}
