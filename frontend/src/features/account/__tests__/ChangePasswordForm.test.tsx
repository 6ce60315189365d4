import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

describe('ChangePasswordForm', () => {
  it('asks for a longer new password before sending', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<ChangePasswordForm />, { client });
    await user.type(screen.getByLabelText('Current password'), 'my current password');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('The password must have at least 10 characters.');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Current password')).not.toHaveAttribute('aria-invalid');
    expect(calls.some((c) => c.name === 'ChangePassword')).toBe(false);
  });

  it('refuses a new password that is the current one', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<ChangePasswordForm />, { client });
    await user.type(screen.getByLabelText('Current password'), 'my current password');
    await user.type(screen.getByLabelText('New password'), 'my current password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('The new password must differ from the current one.');
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.name === 'ChangePassword')).toBe(false);
  });
});
