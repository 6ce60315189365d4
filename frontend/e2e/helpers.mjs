// Shared pieces of the end-to-end tests: Debian's chromium driven by
// playwright-core (no browser download), axe-core scans, screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const baseURL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const screenshotDir = join(here, '..', 'screenshots');
export const demoPassword = process.env.E2E_DEMO_PASSWORD ?? 'birge-demo-2026';
export const accounts = {
  admin: 'admin@birge.example',
  staff: 'trainer@birge.example',
  member: 'member@birge.example',
  peer: 'peer@birge.example',
  partner: 'partner@birge.example',
};

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page in a fresh context (no cookies, no storage), in English unless a
 * language is given. Console errors and CSP violations are collected and
 * checked by `assertClean`.
 */
export async function openPage(
  browser,
  { width = 1280, height = 900, language = 'en', reducedMotion = 'no-preference' } = {},
) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height },
    locale: language,
    reducedMotion,
  });
  await context.addInitScript((lng) => {
    try {
      if (!localStorage.getItem('birge.language')) localStorage.setItem('birge.language', lng);
    } catch {
      /* storage may be off */
    }
  }, language);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  return page;
}

export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'no console errors or CSP violations');
}

/** Waits until no request is in flight and the page says nothing is loading. */
export async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 });
}

/** Runs axe for WCAG 2.0, 2.1 and 2.2 A and AA rules; fails on any violation. */
export async function checkA11y(page, label) {
  await settle(page);
  const result = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source); // evaluated through the debugger protocol: the page's CSP stays strict
    return window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
  }, axeSource);
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
  assert.deepEqual(violations, [], `axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The page's one h1. */
export async function h1(page) {
  const headings = page.locator('h1');
  assert.equal(await headings.count(), 1, 'exactly one h1');
  return (await headings.textContent())?.trim();
}

export async function signIn(page, email, password = demoPassword) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
}

/** Runs a GraphQL operation in the page's session (its cookie); fails on errors. */
export async function gql(page, query, variables = {}) {
  const res = await page.evaluate(
    async ([q, v]) => {
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return r.json();
    },
    [query, variables],
  );
  assert.equal(res.errors, undefined, `GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** Waits until the live region says something matching re. */
export async function announced(page, re) {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source, flags).test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
    [re.source, re.flags],
  );
}

/** Asserts the page needs no horizontal scrolling at its current width. */
export async function reflows(page, name) {
  await settle(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `${name} reflows at ${page.viewportSize()?.width} px (overflow ${overflow}px)`);
}

const latin = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'kh',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  і: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A Latin rendering of a Kazakh or Russian name, as people type it: "Жанар" -> "Zhanar". */
export function transliterate(text) {
  return [...text]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const out = latin[lower];
      if (out === undefined) return ch;
      return ch === lower ? out : out.charAt(0).toUpperCase() + out.slice(1);
    })
    .join('');
}
