// Issue 5's flow: a member finds a peer by typing their Cyrillic name in
// Latin letters, asks to connect; the peer accepts; the member then sees the
// peer's contact details. Also: suggestions on the home page, the
// connections page, the header's count, axe scans and screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  accounts,
  announced,
  assertClean,
  checkA11y,
  gql,
  h1,
  launch,
  openPage,
  reflows,
  screenshot,
  settle,
  signIn,
  transliterate,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Puts the member and the peer back to "not connected", so the flow can run
 * again against the same database (the e2e script always starts a fresh one).
 */
async function unconnect(memberPage, peerId) {
  const { connectionsWith } = await gql(
    memberPage,
    'query($ids: [ID!]!) { connectionsWith(personIDs: $ids) { id status direction } }',
    { ids: [peerId] },
  );
  for (const c of connectionsWith) {
    if (c.status === 'ACCEPTED')
      await gql(memberPage, 'mutation($id: ID!) { removeConnection(id: $id) }', { id: c.id });
    else if (c.status === 'PENDING' && c.direction === 'OUTGOING')
      await gql(memberPage, 'mutation($id: ID!) { withdrawConnection(id: $id) { id } }', { id: c.id });
    else if (c.status === 'PENDING')
      await gql(memberPage, 'mutation($id: ID!) { declineConnection(id: $id) { id } }', { id: c.id });
    else if (c.status === 'BLOCKED' && c.direction === 'OUTGOING')
      await gql(memberPage, 'mutation($p: ID!) { unblockPerson(personID: $p) }', { p: peerId });
  }
}

describe('finding peers', () => {
  it('a member finds a peer in Latin letters, connects, and sees their contact details once accepted', async () => {
    // Who the peer is, from the peer's own session.
    const peer = await openPage(browser);
    await signIn(peer, accounts.peer);
    const { viewer: peerViewer } = await gql(peer, '{ viewer { person { id givenName familyName } } }');
    const peerPerson = peerViewer.person;
    const peerName = `${peerPerson.givenName} ${peerPerson.familyName}`;
    const latin = transliterate(peerName);
    assert.match(latin, /^[A-Za-z' -]+$/, `a Latin rendering of ${peerName}: ${latin}`);
    assert.notEqual(latin, peerName);

    const member = await openPage(browser);
    await signIn(member, accounts.member);
    const { viewer: memberViewer } = await gql(member, '{ viewer { person { givenName familyName } } }');
    const memberName = `${memberViewer.person.givenName} ${memberViewer.person.familyName}`;
    await unconnect(member, peerPerson.id);

    // Suggestions on the home page, each with its reasons in words.
    await member.goto('/');
    await member.getByRole('heading', { level: 2, name: 'People you may want to meet' }).waitFor();
    await settle(member);
    const reasons = await member.locator('.suggestions .reasons').allInnerTexts();
    assert.ok(reasons.length > 0, 'some suggestions');
    assert.ok(
      reasons.some((r) => /You were both on the \d{4} (spring|summer|autumn|winter) course/.test(r)),
      `a shared course is given as a reason: ${reasons[0]}`,
    );
    await checkA11y(member, 'home with suggestions');
    await screenshot(member, 'home-member-desktop');

    // Search in Latin letters for the Cyrillic name.
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await member.getByRole('heading', { level: 1, name: 'Search people' }).waitFor();
    assert.equal(await member.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new h1');
    assert.equal(await member.title(), 'Search people — Birge');
    await member.getByLabel('Name, city, interest or activity').fill(latin);
    await member.getByRole('button', { name: 'Search', exact: true }).click();
    await member.waitForURL(/[?&]q=/);
    const results = member.locator('#results-heading');
    await results.filter({ hasText: /found/ }).waitFor();
    await settle(member);
    await announced(member, /found for “/);
    const card = member.locator('.card-grid > li').filter({ hasText: peerName });
    await card.waitFor();
    await checkA11y(member, 'search results');
    await screenshot(member, 'search-results-desktop');

    // Before: the contact details are hidden from the member.
    await member.goto(`/people/${peerPerson.id}`);
    await member.getByRole('heading', { level: 1, name: peerName }).waitFor();
    await settle(member);
    assert.match(await member.locator('main').innerText(), /Contact details are shown only to people/);
    await member.goBack();
    await card.waitFor();
    await settle(member);

    // Ask to connect, with a message, in a dialog that keeps focus inside.
    const connect = card.getByRole('button', { name: `Connect with ${peerName}` });
    await connect.click();
    const dialog = member.getByRole('dialog', { name: `Connect with ${peerName}` });
    await dialog.waitFor();
    const message = dialog.getByLabel('Message (optional)');
    assert.ok(await message.evaluate((el) => el === document.activeElement), 'focus starts in the message box');
    await member.keyboard.press('Shift+Tab');
    assert.equal(
      await member.evaluate(() => document.activeElement?.textContent),
      'Cancel',
      'Shift+Tab from the first control goes round to the last',
    );
    await member.keyboard.press('Tab');
    assert.ok(await message.evaluate((el) => el === document.activeElement), 'Tab from the last goes to the first');
    assert.equal(await member.locator('#root').getAttribute('inert'), '', 'the page behind is inert');
    await checkA11y(member, 'connect dialog');
    await screenshot(member, 'connect-dialog-desktop');
    // Escape closes it and focus goes back to the button.
    await member.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await connect.evaluate((el) => el === document.activeElement), 'focus returns to Connect');

    await connect.click();
    await dialog.getByLabel('Message (optional)').fill('Сәлем! We met on the course — shall we keep in touch?');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByText(`You asked ${peerName} to connect.`).waitFor();
    await announced(member, new RegExp(`Request sent to ${peerName}`));
    // focus lands on the sentence that says the new state
    await member.waitForFunction(() => document.activeElement?.classList.contains('connection-status'));

    // The peer sees the count in the header and accepts.
    await peer.goto('/');
    const link = peer.getByRole('link', { name: /^Connections \d+ requests? waiting$/ });
    await link.waitFor();
    await link.click();
    await peer.getByRole('heading', { level: 1, name: 'My connections' }).waitFor();
    await settle(peer);
    await checkA11y(peer, 'connections page with a request');
    await screenshot(peer, 'connections-desktop');
    const request = peer.locator('.connection-card').filter({ hasText: memberName });
    await request.getByText('shall we keep in touch?').waitFor();
    await request.getByRole('button', { name: `Accept request from ${memberName}` }).click();
    await announced(peer, new RegExp(`You and ${memberName} are now connected`));
    await peer
      .locator('#connected-heading')
      .filter({ hasText: /connections?$/ })
      .waitFor();
    await peer
      .locator('.connection-card')
      .filter({ hasText: memberName })
      .getByRole('button', { name: 'Remove connection' })
      .waitFor();
    await settle(peer);
    assert.ok(await h1(peer));
    await checkA11y(peer, 'connections page after accepting');

    // The block button asks first; cancelling changes nothing.
    const row = peer.locator('.connection-card').filter({ hasText: memberName });
    await row.getByRole('button', { name: `Block ${memberName}` }).click();
    const confirm = peer.getByRole('alertdialog', { name: `Block ${memberName}?` });
    await confirm.waitFor();
    assert.equal(await peer.evaluate(() => document.activeElement?.textContent), 'Cancel', 'focus starts on Cancel');
    await checkA11y(peer, 'block confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });

    // Now the member sees the peer's contact details.
    await member.goto(`/people/${peerPerson.id}`);
    await member.getByRole('heading', { level: 1, name: peerName }).waitFor();
    await settle(member);
    const contact = member.locator('section').filter({ has: member.getByRole('heading', { name: 'Contact' }) });
    await contact.getByRole('link', { name: /@/ }).waitFor();
    await member.getByText(`You and ${peerName} are connected.`).waitFor();
    await checkA11y(member, 'profile of a connection');
    await screenshot(member, 'profile-connected-desktop');

    // 360 px and 320 px.
    for (const [page, path, name] of [
      [member, '/search?q=' + encodeURIComponent(latin), 'search-results'],
      [peer, '/connections', 'connections'],
    ]) {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto(path);
      await settle(page);
      await screenshot(page, `${name}-360`);
      await page.setViewportSize({ width: 320, height: 780 });
      await reflows(page, name);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    assertClean(member);
    assertClean(peer);
  });
});
