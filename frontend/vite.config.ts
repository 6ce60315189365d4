/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Go server serves /graphql on the same origin in production; in
// development Vite proxies it to a locally running `birge serve`.
const api = process.env.BIRGE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    css: false,
  },
});
