import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { RegisterPage } from '../components/RegisterPage';

function renderRegister(client = mockClient({}).client, route = '/register?code=ABC-123') {
  return renderWithApp(
    <Routes>
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/me" element={<p>my profile page</p>} />
    </Routes>,
    { route, client },
  );
}

async function fill(user: ReturnType<typeof userEvent.setup>, password = 'a long enough password') {
  await user.type(screen.getByLabelText('Email address'), 'dana@example.kz');
  await user.type(screen.getByLabelText('Choose a password'), password);
  await user.type(screen.getByLabelText('First name'), 'Дана');
  await user.type(screen.getByLabelText('Last name'), 'Серікова');
}

describe('RegisterPage', () => {
  it('takes the invitation code from the link', () => {
    renderRegister();
    expect(screen.getByLabelText('Invitation code')).toHaveValue('ABC-123');
    expect(screen.getByLabelText('Language for emails and the site')).toHaveValue('en');
  });

  it('asks for a longer password before sending', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderRegister(client);
    await fill(user, 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The password must have at least 10 characters.');
    expect(screen.getByLabelText('Choose a password')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.name === 'Register')).toBe(false);
  });

  it('puts the server’s field errors on their fields', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      Register: {
        errors: [{ message: 'code: the invitation has expired or was used', extensions: { code: 'BAD_USER_INPUT' } }],
      },
    });
    renderRegister(client);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the invitation has expired or was used');
    expect(screen.getByLabelText('Invitation code')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Invitation code')).toHaveAccessibleDescription(
      'Please correct this: the invitation has expired or was used It is in the invitation letter or link you received.',
    );
  });

  it('shows an input error that names no field instead of dropping it', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      Register: { errors: [{ message: 'this request cannot be completed', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
    renderRegister(client);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('this request cannot be completed');
  });

  it('creates the account and opens my profile', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      Register: { data: { register: { __typename: 'Account', id: '9', role: 'MEMBER', locale: 'en' } } },
    });
    renderRegister(client);
    await fill(user);
    await user.selectOptions(screen.getByLabelText('Language for emails and the site'), 'kk');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('my profile page')).toBeInTheDocument();
    expect(calls.find((c) => c.name === 'Register')!.variables).toEqual({
      input: {
        code: 'ABC-123',
        email: 'dana@example.kz',
        password: 'a long enough password',
        givenName: 'Дана',
        familyName: 'Серікова',
        locale: 'kk',
      },
    });
  });
});
