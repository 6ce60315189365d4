// Issue 6's flow: a partner opens the outcomes dashboard, switches the
// grouping, reads a chart as a table, and downloads the CSV. The public
// impact page too. Every page scanned with axe; screenshots at 1280 and 360 px.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  accounts,
  announced,
  assertClean,
  checkA11y,
  h1,
  launch,
  openPage,
  reflows,
  screenshot,
  settle,
  signIn,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('outcomes', () => {
  it('a partner reads the dashboard, switches the grouping, opens a table and downloads the CSV', async () => {
    const page = await openPage(browser);
    await signIn(page, accounts.partner);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programme outcomes' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new h1');
    assert.equal(await page.title(), 'Programme outcomes — Birge');
    await page.getByText('Participants and graduates, by year').waitFor();
    await settle(page);
    assert.ok(await h1(page));
    await checkA11y(page, 'outcomes dashboard');
    await screenshot(page, 'outcomes-desktop');

    // Switch the grouping: by course, where small groups are withheld.
    const grouping = page.getByRole('group', { name: 'Show the figures' });
    await grouping.getByRole('button', { name: 'By course' }).click();
    await page.waitForURL(/by=course/);
    await grouping.getByRole('button', { name: 'By course', pressed: true }).waitFor();
    await page.getByText('Participants and graduates, by course').waitFor();
    await settle(page);
    await announced(page, /Figures now shown by course/);

    // The reach chart as a table: a caption, column and row headers, and
    // "fewer than 5" where a figure is withheld.
    const figure = page.locator('figure').filter({ hasText: 'Participants and graduates, by course' });
    await figure.getByRole('button', { name: 'Show as a table' }).click();
    const table = figure.getByRole('table', { name: 'Participants and graduates, by course' });
    await table.waitFor();
    assert.equal(await table.locator('caption').count(), 1);
    assert.ok((await table.locator('thead th[scope="col"]').count()) >= 3, 'column headers');
    assert.ok((await table.locator('tbody th[scope="row"]').count()) > 1, 'row headers, one per course');
    const text = await table.innerText();
    assert.match(text, /fewer than 5/, 'withheld figures say so');
    assert.doesNotMatch(text, /NaN|undefined|null/);
    await figure.getByRole('button', { name: 'Show as a chart' }).waitFor();
    await checkA11y(page, 'outcomes dashboard with a table');
    await screenshot(page, 'outcomes-table-desktop');

    // Download what the partner may see, as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download participants (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^birge-reach-by-course-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\n');
    assert.equal(header, 'group,year,city,cohort_id,courses_run,participants,completed,completion_rate');
    assert.ok(lines.length > 1, 'a line per course and the total');
    assert.match(csv, /<5/, 'withheld figures are written <5');
    await announced(page, /is downloading/);

    // The funding report has its own grouping, in tenge.
    const funding = page.getByRole('group', { name: 'Show the money' });
    await funding.getByRole('button', { name: 'By year' }).click();
    await page.waitForURL(/funding=year/);
    await page.getByText('Funding by year').waitFor();
    await settle(page);
    assert.match(await page.locator('#funding-heading + *').locator('..').innerText(), /₸/);

    // 360 px and 320 px.
    await page.setViewportSize({ width: 360, height: 780 });
    await settle(page);
    await screenshot(page, 'outcomes-360');
    await page.setViewportSize({ width: 320, height: 780 });
    await reflows(page, 'outcomes');
    assertClean(page);
  });

  it('a member is not shown the dashboard', async () => {
    const page = await openPage(browser);
    await signIn(page, accounts.member);
    assert.equal(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).count(),
      0,
      'no link for members',
    );
    await page.goto('/outcomes');
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await settle(page);
    await checkA11y(page, 'outcomes, no access');
    assertClean(page);
  });

  it('the public impact page shows the headline figures, in each language', async () => {
    const page = await openPage(browser);
    await page.goto('/impact');
    await page.getByRole('heading', { level: 1, name: 'Our impact' }).waitFor();
    await settle(page);
    const main = await page.locator('main').innerText();
    assert.match(main, /courses run/);
    assert.match(main, /₸/);
    await checkA11y(page, 'impact');
    await screenshot(page, 'impact-desktop');
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await page.getByRole('table', { name: 'Participants and graduates by year' }).waitFor();
    await checkA11y(page, 'impact with a table');

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Наши результаты' }).waitFor();
    await settle(page);
    await checkA11y(page, 'impact in Russian');
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { level: 1, name: 'Біздің нәтижелер' }).waitFor();
    await settle(page);
    await checkA11y(page, 'impact in Kazakh');
    await screenshot(page, 'impact-kk-desktop');

    await page.setViewportSize({ width: 360, height: 780 });
    await settle(page);
    await screenshot(page, 'impact-kk-360');
    await page.setViewportSize({ width: 320, height: 780 });
    await reflows(page, 'impact');
    assertClean(page);
  });
});
