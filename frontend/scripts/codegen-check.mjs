// Fails when the committed generated GraphQL types (src/gql) differ from what
// the current schema and documents produce.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'birge-codegen-'));
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, CODEGEN_OUT: dir },
  });
  const want = readdirSync(dir).sort();
  const have = readdirSync('src/gql').sort();
  const drift = [];
  for (const f of new Set([...want, ...have])) {
    const a = want.includes(f) ? readFileSync(join(dir, f), 'utf8') : null;
    const b = have.includes(f) ? readFileSync(join('src/gql', f), 'utf8') : null;
    if (a !== b) drift.push(f);
  }
  if (drift.length) {
    console.error(`src/gql is out of date (${drift.join(', ')}): run \`npm run codegen\`.`);
    process.exit(1);
  }
  console.log('src/gql is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
