// Signed-in flows against the demo accounts: privacy settings and the
// preview, staff pages, and registration by invitation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accounts, assertClean, checkA11y, h1, launch, openPage, screenshot, settle, signIn } from './helpers.mjs';

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
    assertClean(page);
  });
});
