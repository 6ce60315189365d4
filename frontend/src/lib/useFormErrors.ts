import { useState } from 'react';
import type { CombinedError } from '@urql/core';
import { fieldErrors, normalizeField, unnamedInputErrors } from './graphql/errors';

export type Errors<K extends string> = Partial<Record<K, string>>;

/**
 * Field errors of a form: those found before sending, then those the server
 * named (BAD_USER_INPUT "field: message"), matched to the form's fields.
 * `attempt` counts failed submits so the error summary takes focus each time.
 */
export function useFormErrors<K extends string>(fields: readonly K[]) {
  const [errors, setErrors] = useState<Errors<K>>({});
  const [attempt, setAttempt] = useState(0);

  function fail(next: Errors<K>) {
    setErrors(next);
    setAttempt((a) => a + 1);
  }

  /** Puts the server's field errors on their fields; returns the ones left over. */
  function fromServer(error: CombinedError, translate: (message: string) => string): string[] {
    const byField = fieldErrors(error);
    const next: Errors<K> = {};
    const rest: string[] = [];
    for (const [key, message] of Object.entries(byField)) {
      const f = fields.find((name) => normalizeField(name) === key);
      if (f) next[f] = translate(message);
      else rest.push(`${key}: ${translate(message)}`);
    }
    // Input errors that name no field are not lost: they go with the rest.
    rest.push(...unnamedInputErrors(error).map(translate));
    fail(next);
    return rest;
  }

  return { errors, attempt, fail, fromServer, clear: () => setErrors({}) };
}
