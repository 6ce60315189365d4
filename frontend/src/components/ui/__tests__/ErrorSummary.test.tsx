import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from '../ErrorSummary';

describe('ErrorSummary', () => {
  it('is named by its own heading when two show at once', () => {
    render(
      <>
        <ErrorSummary items={[{ message: 'Enter your current password.' }]} attempt={1} />
        <ErrorSummary items={[{ message: 'Enter a new password.' }, { message: 'Enter it again.' }]} attempt={1} />
      </>,
    );
    const one = screen.getByRole('alert', { name: 'There is a problem' });
    const two = screen.getByRole('alert', { name: 'There are 2 problems' });
    expect(one).toHaveTextContent('Enter your current password.');
    expect(two).toHaveTextContent('Enter a new password.');
    expect(one.getAttribute('aria-labelledby')).not.toBe(two.getAttribute('aria-labelledby'));
  });
});
