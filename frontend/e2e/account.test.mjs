// Signed-in flows against the demo accounts: privacy settings and the
// preview, staff pages, and registration by invitation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import {
  accounts,
  announced,
  assertClean,
  checkA11y,
  demoPassword,
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

describe('accounts', () => {
  it('refuses a wrong password with a plain message', async () => {
    const page = await openPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(accounts.member);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email address or password is not right.' }).waitFor();
    await checkA11y(page, 'sign-in with an error');
    await screenshot(page, 'sign-in-error-desktop');
  });

  it('a member edits privacy settings and sees the change in the preview', async () => {
    const page = await openPage(browser);
    await signIn(page, accounts.member);
    await settle(page);
    await checkA11y(page, 'my profile');
    await screenshot(page, 'me-desktop');

    const profileGroup = page.getByRole('group', { name: /Who can see my profile/ });
    const original = await profileGroup.locator('input:checked').getAttribute('value');
    const preview = page.locator('.preview-frame');

    // Restricting first, so the two previews differ whatever the demo data says.
    await profileGroup.getByRole('radio', { name: 'Community members' }).check();
    await page.getByRole('button', { name: 'Save privacy settings' }).click();
    await page.getByText('Your privacy settings are saved.', { exact: true }).first().waitFor();
    await page.getByRole('radio', { name: 'The public' }).check();
    await preview.getByText('How the public sees your profile:').waitFor();
    await settle(page);
    const before = await preview.innerText();

    await profileGroup.getByRole('radio', { name: 'Everyone' }).check();
    await page.getByRole('button', { name: 'Save privacy settings' }).click();
    await page.waitForFunction(() =>
      /privacy settings are saved/.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
    );
    await page.waitForFunction(() => {
      const el = document.querySelector('.preview-frame');
      return (
        el && el.getAttribute('aria-busy') !== 'true' && !/cannot see your profile at all/.test(el.textContent ?? '')
      );
    });
    await settle(page);
    const afterText = await preview.innerText();
    assert.match(before, /They cannot see your profile at all\./, 'the public cannot see a community-only profile');
    assert.match(afterText, /About/, 'the public now sees the profile');
    await checkA11y(page, 'my profile with the public preview');
    await screenshot(page, 'me-preview-public-desktop');

    // The member preview and partner preview render too.
    await page.getByRole('radio', { name: 'A partner organization' }).check();
    await preview.getByText('How a partner organization sees your profile:').waitFor();
    await settle(page);

    // Put the setting back, for a rerun against the same database.
    await profileGroup.locator(`input[value="${original}"]`).check();
    await page.getByRole('button', { name: 'Save privacy settings' }).click();
    await page.getByText('Your privacy settings are saved.', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assertClean(page);
  });

  it('staff pages are scanned, and an invitation leads to a new account', async () => {
    const page = await openPage(browser);
    await signIn(page, accounts.admin);
    for (const [name, path] of [
      ['admin', '/admin'],
      ['admin-invitations', '/admin/invitations'],
      ['admin-cohorts', '/admin/cohorts'],
      ['admin-enrollments', '/admin/enrollments'],
    ]) {
      await page.goto(path);
      await settle(page);
      assert.ok(await h1(page));
      await checkA11y(page, name);
      await screenshot(page, `${name}-desktop`);
    }

    // A course with no places is refused with the reason on the field.
    await page.goto('/admin/cohorts');
    await settle(page);
    await page.getByLabel('Name').fill('E2E course');
    await page.getByLabel('City').fill('Almaty');
    await page.getByLabel('First day').fill('2030-04-01');
    await page.getByLabel('Last day').fill('2030-04-07');
    await page.getByLabel('Places').fill('0');
    await page.getByRole('button', { name: 'Plan course' }).click();
    await page.getByRole('alert').filter({ hasText: 'greater than 0' }).waitFor();
    assert.equal(await page.getByLabel('Places').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'cohort form with errors');

    // Enrollments of a course.
    await page.goto('/admin/enrollments');
    await settle(page);
    await page.getByLabel('Course', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('heading', { level: 2, name: /on / }).first().waitFor();
    await settle(page);
    await checkA11y(page, 'enrollments of a course');

    // Invite a new member.
    const email = `e2e-${Date.now()}@example.kz`;
    await page.goto('/admin/invitations');
    await settle(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByLabel('Registration link').inputValue();
    assert.match(link, /\/register\?code=/);
    await checkA11y(page, 'invitation created');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();

    // Register with it.
    await page.goto(link);
    await settle(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Choose a password').fill('a long demo password');
    await page.getByLabel('First name').fill('Айдана');
    await page.getByLabel('Last name').fill('Тестова');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await settle(page);
    assert.match(await page.locator('main').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));
    await checkA11y(page, 'my profile after registering');

    // And deletes it again: a plain warning, the password, then signed out.
    await page.goto('/account');
    await page.getByRole('heading', { level: 2, name: 'Delete my account' }).waitFor();
    await settle(page);
    const danger = page.locator('.danger-zone');
    assert.match(await danger.innerText(), /cannot be undone/);
    await danger.getByLabel('Your password, to confirm').fill('not my password');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await danger.getByRole('alert').filter({ hasText: 'The password is not right' }).waitFor();
    assert.equal(await danger.getByLabel('Your password, to confirm').getAttribute('aria-invalid'), 'true');
    await danger.getByLabel('Your password, to confirm').fill('a long demo password');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('heading', { level: 1, name: /community of the School/ }).waitFor();
    await announced(page, /Your account has been deleted/);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    // The account is gone: its password no longer works.
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long demo password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email address or password is not right.' }).waitFor();
    assertClean(page);
  });

  it('a member manages consents, downloads their data and changes their password', async () => {
    const page = await openPage(browser);
    await signIn(page, accounts.member);
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Account and data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account and data' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.equal(await page.title(), 'Account and data — Birge');
    await settle(page);
    await checkA11y(page, 'account');
    await screenshot(page, 'account-desktop');

    // A consent, given and withdrawn, with the times.
    const stories = page.getByRole('checkbox', { name: 'My story and photos may be used' });
    const wasGiven = await stories.isChecked();
    await stories.setChecked(!wasGiven);
    await announced(page, /Consent (given|withdrawn): My story and photos may be used/);
    const today = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Almaty',
    }).format(new Date());
    assert.match((await stories.getAttribute('aria-describedby')) ?? '', /consent-STORIES_AND_PHOTOS-when/);
    await page
      .locator('#consent-STORIES_AND_PHOTOS-when')
      .filter({ hasText: new RegExp(`(Given|Withdrawn) on ${today}`) })
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Account and data' }).waitFor();
    await settle(page);
    assert.equal(await stories.isChecked(), !wasGiven, 'the choice was saved');
    await stories.setChecked(wasGiven);
    await announced(page, /Consent (given|withdrawn)/);

    // Download my data: a JSON file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data (JSON)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^birge-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.match(JSON.stringify(data), /member@birge\.example/);

    // Change the password: a wrong current one is refused; then change and change back.
    const form = page.locator('form').filter({ has: page.getByLabel('Current password') });
    await form.getByLabel('Current password').fill('not the password');
    await form.getByLabel('New password').fill('another long password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'The password is not right' }).waitFor();
    await checkA11y(page, 'account with a password error');
    // The delete form sent without a password: two error summaries at once,
    // each named by its own heading.
    const danger = page.locator('.danger-zone');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await danger.getByRole('alert').filter({ hasText: 'Enter your password to confirm.' }).waitFor();
    assert.equal(await danger.getByLabel('Your password, to confirm').getAttribute('aria-invalid'), 'true');
    await form.getByRole('alert', { name: 'There is a problem' }).waitFor();
    await danger.getByRole('alert', { name: 'There is a problem' }).waitFor();
    await checkA11y(page, 'account with two error summaries');
    for (const [from, to] of [
      [demoPassword, 'another long password 2026'],
      ['another long password 2026', demoPassword],
    ]) {
      await form.getByLabel('Current password').fill(from);
      await form.getByLabel('New password').fill(to);
      await form.getByRole('button', { name: 'Change password' }).click();
      await form.getByText('Your password is changed.').waitFor();
    }

    await page.setViewportSize({ width: 360, height: 780 });
    await settle(page);
    await screenshot(page, 'account-360');
    await page.setViewportSize({ width: 320, height: 780 });
    await reflows(page, 'account');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Sign out everywhere: this browser too.
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await announced(page, /signed out on every device/);
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assertClean(page);
  });

  it('asks for a password reset link, and explains a link that no longer works', async () => {
    const page = await openPage(browser);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'I forgot my password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email address').fill(accounts.peer);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText(`If ${accounts.peer} has an account, a link is on its way.`, { exact: true }).waitFor();
    await checkA11y(page, 'forgot password, sent');

    await page.goto('/reset-password?token=not-a-real-token');
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Choose a password').fill('a brand new password');
    await page.getByLabel('Type the new password again').fill('a different password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The two passwords are not the same.' }).waitFor();
    await page.getByLabel('Type the new password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link no longer works' }).waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await checkA11y(page, 'reset password with a bad link');
    await screenshot(page, 'reset-password-error-desktop');
    assertClean(page);
  });
});
