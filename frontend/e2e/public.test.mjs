// Public pages: browse and filter the directory, open a profile, switch the
// language; every page scanned with axe; screenshots at desktop and 360 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertClean, checkA11y, h1, launch, openPage, screenshot, settle } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const mainPages = [
  ['home', '/'],
  ['people', '/people'],
  ['trainers', '/trainers'],
  ['courses', '/courses'],
  ['partners', '/partners'],
  ['search', '/search'],
  ['impact', '/impact'],
  ['sign-in', '/sign-in'],
  ['forgot-password', '/forgot-password'],
  ['reset-password', '/reset-password?token=example'],
  ['register', '/register'],
  ['settings', '/settings'],
  ['not-found', '/no/such/page'],
];

describe('public pages', () => {
  it('each page has one h1, a title, no axe violations, and reflows at 320 px', async () => {
    const page = await openPage(browser);
    const narrow = await openPage(browser, { width: 320, height: 800 });
    for (const [name, path] of mainPages) {
      await page.goto(path);
      await settle(page);
      const heading = await h1(page);
      assert.ok(heading, `${name} has a heading`);
      assert.match(await page.title(), /— Birge$/, `${name} has a title`);
      assert.equal(await page.locator('main#main').count(), 1);
      assert.equal(await page.locator('header').count(), 1);
      assert.equal(await page.locator('footer').count(), 1);
      await checkA11y(page, name);
      await screenshot(page, `${name}-desktop`);

      await narrow.goto(path);
      await settle(narrow);
      const overflow = await narrow.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${name} reflows at 320 px (overflow ${overflow}px)`);
    }
    const mobile = await openPage(browser, { width: 360, height: 780 });
    for (const [name, path] of mainPages) {
      await mobile.goto(path);
      await settle(mobile);
      await screenshot(mobile, `${name}-360`);
    }
    await checkA11y(mobile, 'not-found at 360 px');
    assertClean(page);
    assertClean(narrow);
    assertClean(mobile);
  });

  it('browses the directory, filters it, pages it and opens a profile', async () => {
    const page = await openPage(browser);
    await page.goto('/people');
    const results = page.locator('#results-heading');
    await results.filter({ hasText: /people found/ }).waitFor();
    const totalText = await results.textContent();
    const total = Number(totalText.match(/(\d+) people found/)[1]);
    assert.ok(total > 12, `the demo directory has more than a page of people (${total})`);

    // paging: the next page starts after the first
    const firstNames = await page.locator('.card-grid .card-title a').allTextContents();
    await page.getByRole('button', { name: /Next page/ }).click();
    await page.getByText(/^Page 2 of \d+$/).waitFor();
    await settle(page);
    const secondNames = await page.locator('.card-grid .card-title a').allTextContents();
    assert.ok(secondNames.length > 0);
    assert.equal(secondNames.filter((n) => firstNames.includes(n)).length, 0, 'page 2 shows other people');
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'results-heading',
      'focus moves to the results',
    );
    await page.getByRole('button', { name: /Previous page/ }).click();
    await page.getByText(/^Page 1 of \d+$/).waitFor();

    // filters: city and activity
    const search = page.getByRole('search', { name: 'Filter people' });
    await search.getByLabel('City').fill('Almaty');
    await search.getByLabel('Activity').selectOption({ label: 'Dance' });
    await search.getByRole('button', { name: 'Show people' }).click();
    await page.waitForURL(/city=Almaty/);
    await results.filter({ hasText: /filters on/ }).waitFor();
    await settle(page);
    const filtered = Number((await results.textContent()).match(/(\d+) (people|person) found/)[1]);
    assert.ok(filtered > 0 && filtered < total, `filtering narrows the list (${filtered} of ${total})`);
    const cities = await page.locator('.card-grid .card-meta').allTextContents();
    for (const c of cities) assert.match(c, /Almaty/);
    await page.waitForFunction(() =>
      /found/.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
    );
    await checkA11y(page, 'filtered directory');
    await screenshot(page, 'people-filtered-desktop');

    // a course year filter
    const year = await search.getByLabel('Course year').locator('option').nth(2).getAttribute('value');
    await search.getByLabel('Course year').selectOption(year);
    await search.getByRole('button', { name: 'Show people' }).click();
    await page.waitForURL(new RegExp(`year=${year}`));
    await settle(page);

    // open a profile
    await search.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('city='));
    await settle(page);
    const link = page.locator('.card-grid .card-title a').first();
    const name = (await link.textContent()).trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new h1');
    assert.equal(await page.title(), `${name} — Birge`);
    await settle(page);
    await checkA11y(page, 'profile');
    await screenshot(page, 'profile-desktop');
    assertClean(page);
  });

  it('shows a course with its trainers and partners with amounts in tenge', async () => {
    const page = await openPage(browser);
    await page.goto('/courses');
    await settle(page);
    const link = page.locator('.card-list .card-title a').first();
    const name = (await link.textContent()).trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await settle(page);
    await page.getByRole('heading', { level: 2, name: 'Trainers' }).waitFor();
    await checkA11y(page, 'course');
    await screenshot(page, 'course-desktop');

    await page.goto('/partners');
    await settle(page);
    assert.match(await page.locator('main').innerText(), /₸/);
    assertClean(page);
  });

  it('switches the language, keeps it, and sets lang on the document', async () => {
    const page = await openPage(browser);
    await page.goto('/people');
    await settle(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Люди' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.equal(await page.getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed'), 'true');
    await settle(page);
    await checkA11y(page, 'people in Russian');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Люди' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');

    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { level: 1, name: 'Адамдар' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'kk');
    await page.goto('/partners');
    await settle(page);
    await checkA11y(page, 'partners in Kazakh');
    await screenshot(page, 'partners-kk-desktop');
    assertClean(page);
  });

  it('keeps display preferences and stays accessible in high contrast and larger text', async () => {
    const page = await openPage(browser);
    await page.goto('/settings');
    await page.getByRole('checkbox', { name: 'High contrast' }).check();
    await page.getByRole('checkbox', { name: 'Larger text' }).check();
    await page.reload();
    await settle(page);
    assert.equal(await page.getAttribute('html', 'data-contrast'), 'high');
    assert.equal(await page.getAttribute('html', 'data-text-size'), 'large');
    assert.ok(await page.getByRole('checkbox', { name: 'High contrast' }).isChecked());
    await checkA11y(page, 'settings in high contrast');
    await page.goto('/people');
    await checkA11y(page, 'people in high contrast');
    await screenshot(page, 'people-high-contrast-desktop');
    assertClean(page);
  });
});
