/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The Go server serves /graphql on the same origin in production; in
// development Vite proxies it to a locally running `birge serve`.
const api = process.env.BIRGE_API ?? 'http://127.0.0.1:8080';

const generated = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));

/**
 * In the production build, replaces each graphql(`query Name …`) call with
 * the generated NameDocument itself (what codegen's Babel plugin does, but
 * inlined): each chunk then carries only the documents it uses. Importing
 * them from src/gql/graphql.ts instead would put every document used by a
 * lazy page (the reports, the staff pages) into the initial chunk, since a
 * module belongs to one chunk. Types are unchanged: they come from the same
 * generated file.
 */
function gqlDocuments(): Plugin {
  let documents = new Map<string, string>();
  return {
    name: 'birge-gql-documents',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      documents = new Map();
      const line = /^export const (\w+(?:Document|FragmentDoc)) = (\{.*\}) as unknown as DocumentNode<.*>;$/;
      for (const l of readFileSync(generated, 'utf8').split('\n')) {
        const m = line.exec(l);
        if (m) documents.set(m[1]!, m[2]!);
      }
    },
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(`')) return null;
      let out = code.replace(/\bgraphql\(\s*`([\s\S]*?)`\s*\)/g, (_m, src: string) => {
        const m = /\b(query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/.exec(src);
        if (!m) throw new Error(`${id}: GraphQL documents must be named`);
        const name = m[1] === 'fragment' ? `${m[2]}FragmentDoc` : `${m[2]}Document`;
        const doc = documents.get(name);
        if (!doc) throw new Error(`${id}: ${name} is not in src/gql/graphql.ts: run \`npm run codegen\``);
        return `(${doc})`;
      });
      out = out.replace(/import\s*\{\s*graphql\s*\}\s*from\s*['"][^'"]*\/gql['"];?/, '');
      return { code: out, map: null };
    },
  };
}

/**
 * Vite empties dist/ before each build; dist/.keep is committed so that
 * `go build` (go:embed all:dist) works before the SPA is built. Put it back.
 */
function keepDist(): Plugin {
  return {
    name: 'birge-keep-dist',
    apply: 'build',
    closeBundle() {
      writeFileSync(fileURLToPath(new URL('./dist/.keep', import.meta.url)), '');
    },
  };
}

export default defineConfig({
  plugins: [gqlDocuments(), react(), keepDist()],
  server: {
    proxy: { '/graphql': { target: api, changeOrigin: false } },
  },
  preview: {
    proxy: { '/graphql': { target: api, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    // Keep every asset a separate file: the server's CSP allows no inline data.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files cache longer.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    css: false,
  },
});
