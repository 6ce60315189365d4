import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { DeleteAccountForm } from '../components/DeleteAccountForm';

describe('DeleteAccountForm', () => {
  it('asks for the password before deleting anything', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<DeleteAccountForm />, { client });
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('Enter your password to confirm.');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Your password, to confirm')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Your password, to confirm')).toHaveAccessibleDescription(
      'Enter your password to confirm.',
    );
    expect(calls.some((c) => c.name === 'DeleteMyAccount')).toBe(false);
  });
});
