/** The nodes of a Relay connection, without the nulls the schema allows. */
export function nodes<T>(conn: { edges?: ReadonlyArray<{ node?: T | null } | null> | null } | null | undefined): T[] {
  const out: T[] = [];
  for (const e of conn?.edges ?? []) if (e?.node) out.push(e.node);
  return out;
}
