import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { InvitationsAdminPage } from '../components/InvitationsAdminPage';

const empty = { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };

function setup() {
  const mocks = mockClient({
    AdminPeople: {
      data: {
        people: empty,
        organizations: {
          edges: [{ node: { __typename: 'Organization', id: 'o1', name: 'Kaspi Foundation' } }],
        },
      },
    },
    Invitations: { data: { invitations: empty } },
  });
  renderWithApp(<InvitationsAdminPage />, { route: '/admin/invitations', client: mocks.client });
  return mocks;
}

describe('InvitationsAdminPage', () => {
  it('checks the email address has the right shape', async () => {
    const user = userEvent.setup();
    const { calls } = setup();
    await user.type(screen.getByLabelText('Email address'), 'aigerim example.kz');
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('Enter an email address like name@example.kz.');
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Enter an email address like name@example.kz.',
    );
    expect(calls.some((c) => c.name === 'CreateInvitation')).toBe(false);
  });

  it('asks for the organization of a partner', async () => {
    const user = userEvent.setup();
    const { calls } = setup();
    await user.type(screen.getByLabelText('Email address'), 'partner@example.kz');
    await user.selectOptions(screen.getByLabelText('Role'), 'PARTNER');
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent('Choose the partner’s organization.');
    expect(screen.getByLabelText('Partner organization')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email address')).not.toHaveAttribute('aria-invalid');
    expect(calls.some((c) => c.name === 'CreateInvitation')).toBe(false);
  });
});
