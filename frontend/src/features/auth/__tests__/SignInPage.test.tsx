import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { SignInPage } from '../components/SignInPage';

function renderSignIn(client = mockClient({}).client, route = '/sign-in') {
  return renderWithApp(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/me" element={<p>my profile page</p>} />
      <Route path="/people/:id" element={<p>a profile page</p>} />
    </Routes>,
    { route, client },
  );
}

describe('SignInPage', () => {
  it('lists what is missing, marks the fields and focuses the summary', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderSignIn(client);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There are 2 problems');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(calls.some((c) => c.name === 'SignIn')).toBe(false);

    // the summary's links lead to the fields
    await user.click(screen.getByRole('link', { name: 'Enter your password.' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
  });

  it('checks the email address has the right shape', async () => {
    const user = userEvent.setup();
    renderSignIn();
    await user.type(screen.getByLabelText('Email address'), 'aigerim');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is a problem');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Enter an email address like name@example.kz.',
    );
  });

  it('says plainly when the email or password is wrong', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      SignIn: { errors: [{ message: 'invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    renderSignIn(client);
    await user.type(screen.getByLabelText('Email address'), 'aigerim@example.kz');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email address or password is not right.');
  });

  it('explains rate limiting', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      SignIn: { errors: [{ message: 'too many attempts', extensions: { code: 'RATE_LIMITED' } }] },
    });
    renderSignIn(client);
    await user.type(screen.getByLabelText('Email address'), 'aigerim@example.kz');
    await user.type(screen.getByLabelText('Password'), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please wait a few minutes');
  });

  it('signs in with trimmed email and returns to the page asked for', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      SignIn: { data: { signIn: { __typename: 'Account', id: '1', role: 'MEMBER', locale: 'en' } } },
    });
    renderSignIn(client, '/sign-in?next=%2Fpeople%2F4');
    await user.type(screen.getByLabelText('Email address'), ' aigerim@example.kz ');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('a profile page')).toBeInTheDocument();
    expect(calls.find((c) => c.name === 'SignIn')!.variables).toEqual({
      input: { email: 'aigerim@example.kz', password: 'correct horse' },
    });
  });

  it('never follows a next address off the site', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      SignIn: { data: { signIn: { __typename: 'Account', id: '1', role: 'MEMBER', locale: 'en' } } },
    });
    renderSignIn(client, '/sign-in?next=%2F%2Fevil.example');
    await user.type(screen.getByLabelText('Email address'), 'a@example.kz');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText('my profile page')).toBeInTheDocument());
  });
});

describe('SignInPage and the account’s language', () => {
  const signedIn = { data: { signIn: { __typename: 'Account', id: '1', role: 'MEMBER', locale: 'kk' } } };

  it('takes the account’s language when none was chosen in this browser', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({ SignIn: signedIn });
    renderSignIn(client);
    await user.type(screen.getByLabelText('Email address'), 'a@example.kz');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('my profile page');
    expect(document.documentElement.lang).toBe('kk');
  });

  it('keeps the language chosen in this browser', async () => {
    localStorage.setItem('birge.language', 'en');
    const user = userEvent.setup();
    const { client } = mockClient({ SignIn: signedIn });
    renderSignIn(client);
    await user.type(screen.getByLabelText('Email address'), 'a@example.kz');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('my profile page');
    expect(document.documentElement.lang).toBe('en');
  });
});
