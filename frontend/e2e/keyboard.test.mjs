// One flow with the keyboard alone: skip link, main menu, directory filters,
// results, a profile. Focus must always be visible.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { assertClean, checkA11y, launch, openPage, settle } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What has focus, and whether it shows a focus indicator. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'BODY', text: '', visible: false };
    const s = getComputedStyle(el);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    return {
      tag: el.tagName,
      id: el.id,
      text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 80),
      label: el.labels?.[0]?.textContent?.trim() ?? '',
      visible,
    };
  });
}

async function tabUntil(page, predicate, { max = 60, key = 'Tab' } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f.tag !== 'H1' && f.tag !== 'H2' && f.tag !== 'MAIN')
      assert.ok(f.visible, `focus is visible on ${JSON.stringify(f)}`);
    if (predicate(f)) return f;
  }
  throw new Error('did not reach the expected control by Tab');
}

it('finds a person with the keyboard alone', async () => {
  const page = await openPage(browser);
  await page.goto('/');
  await settle(page);

  // The skip link comes first and moves to the main content.
  await page.keyboard.press('Tab');
  let f = await focused(page);
  assert.equal(f.text, 'Skip to main content');
  assert.ok(f.visible);
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main');

  // Back up into the header to the main menu's People link.
  await tabUntil(page, (x) => x.tag === 'A' && x.text === 'People', { key: 'Shift+Tab' });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  f = await focused(page);
  assert.equal(f.tag, 'H1', 'focus moves to the new page’s heading');
  await settle(page);

  // Into the filters: type a city, choose an activity with the arrow keys, submit.
  await tabUntil(page, (x) => x.tag === 'INPUT' && x.label === 'City');
  await page.keyboard.type('Almaty');
  await tabUntil(page, (x) => x.tag === 'SELECT' && x.label === 'Activity');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabUntil(page, (x) => x.tag === 'BUTTON' && x.text === 'Show people');
  await page.keyboard.press('Enter');
  await page.waitForURL(/city=Almaty/);
  await page
    .locator('#results-heading')
    .filter({ hasText: /filters on/ })
    .waitFor();
  await settle(page);

  // To the first result and into the profile.
  const first = (await page.locator('.card-grid .card-title a').first().textContent()).trim();
  await tabUntil(page, (x) => x.tag === 'A' && x.text === first);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: first }).waitFor();
  assert.equal((await focused(page)).tag, 'H1');
  await settle(page);
  await checkA11y(page, 'profile reached by keyboard');

  // Switch the language with the keyboard: the buttons are in the header.
  await tabUntil(page, (x) => x.tag === 'BUTTON' && x.text === 'Русский', { key: 'Shift+Tab' });
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Назад к списку людей' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assertClean(page);
});
