import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';
import { errorCode, errorMessage } from '../../lib/graphql/errors';
import { maxMessageLength } from './state';

/**
 * Why the server refused a connection action (BAD_USER_INPUT), as it says in
 * the error's `reason` extension: the Reason constants of package connections
 * (connections/connections.go; a test checks that each one is here and has a
 * message in every catalog, under connections.refused).
 */
export const refusalReasons = [
  // asking
  'SELF_REQUEST',
  'MESSAGE_TOO_LONG',
  'ALREADY_REQUESTED',
  'ALREADY_CONNECTED',
  'DECLINED',
  'BLOCKED_BY_YOU',
  'BLOCKED',
  // for lack of consent
  'PEER_CONTACT_NOT_GRANTED',
  'REQUESTER_PEER_CONTACT_NOT_GRANTED',
  // answering, withdrawing, unblocking, removing
  'NOT_PENDING',
  'NOT_ADDRESSEE',
  'NOT_REQUESTER',
  'NOT_BLOCKED',
  'NOT_CONNECTED',
  'SELF_BLOCK',
  // another change to the same two people came first
  'CONCURRENT_CHANGE',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** What a failed connection action tells the person, and why (if the server said). */
export interface Refusal {
  message: string;
  reason: RefusalReason | null;
}

type ErrorLike = Pick<CombinedError, 'graphQLErrors'> & Partial<Pick<CombinedError, 'networkError'>>;

/** The first known reason among the errors, or null. */
export function refusalReason(error: ErrorLike | null | undefined): RefusalReason | null {
  for (const e of error?.graphQLErrors ?? []) {
    const reason = e.extensions?.reason;
    if (typeof reason === 'string' && (refusalReasons as readonly string[]).includes(reason))
      return reason as RefusalReason;
  }
  return null;
}

/**
 * The message for a failed connection action with the person `name`: a known
 * reason in the viewer's language; otherwise (a reason this client does not
 * know yet, or none) the server's own sentence (BAD_USER_INPUT refusals are
 * written for people, in English); otherwise the general message of the
 * error's code.
 */
export function connectionRefusal(error: ErrorLike, name: string, t: TFunction): Refusal {
  const reason = refusalReason(error);
  if (reason) {
    const vars = reason === 'MESSAGE_TOO_LONG' ? { name, count: maxMessageLength } : { name };
    return { message: t(`connections.refused.${reason}`, vars), reason };
  }
  const message =
    errorCode(error as CombinedError) === 'BAD_USER_INPUT'
      ? (error.graphQLErrors[0]?.message ?? '')
      : errorMessage(error as CombinedError, t);
  return { message, reason: null };
}
