// Automatic persisted queries: the web app sends a query by its hash, and
// its text only the first time the server does not know it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, settle } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('persisted queries', () => {
  it('a page loaded twice is asked for by hash alone the second time', async () => {
    // Hash-only requests the server answered with data: it knew the query.
    const hashOnly = [];
    const watch = (page) =>
      page.on('response', async (res) => {
        const req = res.request();
        if (!req.url().endsWith('/graphql') || req.method() !== 'POST') return;
        const body = JSON.parse(req.postData() ?? '{}');
        if (!body.extensions?.persistedQuery?.sha256Hash || body.query) return;
        const answer = await res.json().catch(() => ({}));
        if (answer.data && !answer.errors) hashOnly.push(body.operationName ?? '(unnamed)');
      });
    const first = await openPage(browser);
    await first.goto('/trainers');
    await settle(first);
    await first.close();
    const second = await openPage(browser);
    watch(second);
    await second.goto('/trainers');
    await settle(second);
    assert.ok(hashOnly.length > 0, 'the server answered a query sent by its hash alone');
    assert.ok(await second.getByRole('heading', { level: 1 }).isVisible(), 'the page rendered');
    const errors = await second.evaluate(() => document.querySelectorAll('[role="alert"]').length);
    assert.equal(errors, 0, 'no error shown');
    await second.close();
  });
});
