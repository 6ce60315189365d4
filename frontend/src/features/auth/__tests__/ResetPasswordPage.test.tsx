import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { ResetPasswordPage } from '../components/ResetPasswordPage';

describe('ResetPasswordPage', () => {
  it('needs the token from the mail', () => {
    renderWithApp(<ResetPasswordPage />, { route: '/reset-password' });
    expect(screen.getByText('This page needs the link from the password reset mail.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('checks the two passwords, then sets the new one with the token', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({ ResetPassword: { data: { resetPassword: true } } });
    renderWithApp(<ResetPasswordPage />, { route: '/reset-password?token=tok123', client });
    await user.type(screen.getByLabelText('Choose a password'), 'a brand new password');
    await user.type(screen.getByLabelText('Type the new password again'), 'another one');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The two passwords are not the same.');
    expect(calls.some((c) => c.name === 'ResetPassword')).toBe(false);

    await user.clear(screen.getByLabelText('Type the new password again'));
    await user.type(screen.getByLabelText('Type the new password again'), 'a brand new password');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByText('Your new password is saved. You can sign in with it now.')).toBeInTheDocument();
    expect(calls.find((c) => c.name === 'ResetPassword')!.variables).toEqual({
      input: { token: 'tok123', password: 'a brand new password' },
    });
  });

  it('explains a link that no longer works', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      ResetPassword: {
        errors: [
          {
            message: 'this password reset link has expired; ask for a new one',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    renderWithApp(<ResetPasswordPage />, { route: '/reset-password?token=old', client });
    await user.type(screen.getByLabelText('Choose a password'), 'a brand new password');
    await user.type(screen.getByLabelText('Type the new password again'), 'a brand new password');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link no longer works');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
  });
});
