import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';
import { errorCode } from '../../lib/graphql/errors';

/**
 * Why the server refused a connection request for lack of consent, as it says
 * in the error's `reason` extension: the person asked does not take requests,
 * or the viewer has not allowed others to ask them (which asking needs).
 */
export const refusalReasons = ['PEER_CONTACT_NOT_GRANTED', 'REQUESTER_PEER_CONTACT_NOT_GRANTED'] as const;
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
 * reason in the viewer's language; otherwise the state machine's own sentence
 * (BAD_USER_INPUT refusals are written for people, in English); otherwise the
 * general message of the error's code.
 */
export function connectionRefusal(error: ErrorLike, name: string, t: TFunction): Refusal {
  const reason = refusalReason(error);
  if (reason) return { message: t(`connections.refused.${reason}`, { name }), reason };
  const code = errorCode(error as CombinedError);
  const message =
    code === 'BAD_USER_INPUT' ? (error.graphQLErrors[0]?.message ?? '') : t(`errors.${code ?? 'UNKNOWN'}`);
  return { message, reason: null };
}
