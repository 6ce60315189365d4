import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { ForgotPasswordPage } from '../components/ForgotPasswordPage';

describe('ForgotPasswordPage', () => {
  it('asks for the email address before sending', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<ForgotPasswordPage />, { route: '/forgot-password', client });
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('Enter your email address.');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Enter your email address.');
    expect(calls.some((c) => c.name === 'RequestPasswordReset')).toBe(false);
  });

  it('checks the email address has the right shape', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<ForgotPasswordPage />, { route: '/forgot-password', client });
    await user.type(screen.getByLabelText('Email address'), 'aigerim@');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('Enter an email address like name@example.kz.');
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Enter an email address like name@example.kz.',
    );
    expect(calls.some((c) => c.name === 'RequestPasswordReset')).toBe(false);
  });
});
