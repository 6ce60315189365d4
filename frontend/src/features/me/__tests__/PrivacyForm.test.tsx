import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { PrivacyForm, type PrivacyValues } from '../components/PrivacyForm';

const initial: PrivacyValues = {
  profileVisibility: 'COMMUNITY',
  contactVisibility: 'CONNECTIONS',
  listedInDirectory: true,
  visibleToPartners: false,
};

const saved = (input: Record<string, unknown>) => ({
  data: {
    updatePrivacy: { __typename: 'Person', id: '5', privacy: { __typename: 'PrivacySettings', ...initial, ...input } },
  },
});

describe('PrivacyForm', () => {
  it('shows the current choices with plain explanations', () => {
    renderWithApp(<PrivacyForm initial={initial} onSaved={() => {}} />);
    const profile = screen.getByRole('group', { name: /Who can see my profile/ });
    expect(within(profile).getByRole('radio', { name: 'Community members' })).toBeChecked();
    expect(within(profile).getByRole('radio', { name: 'Everyone' })).toHaveAccessibleDescription(
      'Anyone on the internet, even without signing in.',
    );
    const contact = screen.getByRole('group', { name: 'Who can see my contact details' });
    expect(within(contact).getByRole('radio', { name: 'My connections' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Show me in the list of people' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Partner organizations may see me' })).not.toBeChecked();
  });

  it('saves the changes and says so', async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    const { client, calls } = mockClient({ UpdatePrivacy: (v) => saved((v.input ?? {}) as Record<string, unknown>) });
    renderWithApp(<PrivacyForm initial={initial} onSaved={onSaved} />, { client });
    const profile = screen.getByRole('group', { name: /Who can see my profile/ });
    await user.click(within(profile).getByRole('radio', { name: 'Only me' }));
    await user.click(screen.getByRole('checkbox', { name: 'Show me in the list of people' }));
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));

    expect(await screen.findByText('Your privacy settings are saved.', { selector: 'p' })).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('Your privacy settings are saved.'));
    expect(onSaved).toHaveBeenCalledOnce();
    expect(calls.find((c) => c.name === 'UpdatePrivacy')!.variables).toEqual({
      input: {
        profileVisibility: 'PRIVATE',
        contactVisibility: 'CONNECTIONS',
        listedInDirectory: false,
        visibleToPartners: false,
      },
    });
  });

  it('reports a failure to save', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      UpdatePrivacy: { errors: [{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    renderWithApp(<PrivacyForm initial={initial} onSaved={() => {}} />, { client });
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please sign in to see this.');
  });
});
