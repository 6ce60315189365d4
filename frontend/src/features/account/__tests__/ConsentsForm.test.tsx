import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { ConsentsForm, type Consent } from '../components/ConsentsForm';

const consents: Consent[] = [
  { kind: 'DIRECTORY_LISTING', granted: true, grantedAt: '2026-10-25T00:00:00Z', revokedAt: null },
  { kind: 'PEER_CONTACT', granted: false, grantedAt: null, revokedAt: '2026-11-01T09:00:00Z' },
  { kind: 'OUTCOME_SURVEYS', granted: true, grantedAt: '2026-10-25T00:00:00Z', revokedAt: null },
  { kind: 'STORIES_AND_PHOTOS', granted: false, grantedAt: null, revokedAt: null },
];

describe('ConsentsForm', () => {
  it('shows each consent with what it means and when it was given or withdrawn', () => {
    renderWithApp(<ConsentsForm consents={consents} />);
    const listed = screen.getByRole('checkbox', { name: 'I may be listed in the directory' });
    expect(listed).toBeChecked();
    expect(listed).toHaveAccessibleDescription(
      'Other members can find you in the list of people and in search. Given on 25 October 2026.',
    );
    expect(screen.getByRole('checkbox', { name: /may ask to connect/ })).toHaveAccessibleDescription(
      /Withdrawn on 1 November 2026\./,
    );
    expect(screen.getByRole('checkbox', { name: 'My story and photos may be used' })).toHaveAccessibleDescription(
      /Not given\.$/,
    );
  });

  it('saves a change at once and shows the new time', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      SetConsent: (v) => ({
        data: {
          setConsent: {
            __typename: 'ConsentState',
            kind: v.kind,
            granted: v.granted,
            grantedAt: v.granted ? '2026-11-25T08:00:00Z' : null,
            revokedAt: v.granted ? null : '2026-11-25T08:00:00Z',
          },
        },
      }),
    });
    renderWithApp(<ConsentsForm consents={consents} />, { client });
    const stories = screen.getByRole('checkbox', { name: 'My story and photos may be used' });
    await user.click(stories);
    await waitFor(() => expect(announcer()).toHaveTextContent('Consent given: My story and photos may be used'));
    expect(stories).toBeChecked();
    expect(stories).toHaveAccessibleDescription(/Given on 25 November 2026\.$/);
    expect(calls.find((c) => c.name === 'SetConsent')!.variables).toEqual({
      kind: 'STORIES_AND_PHOTOS',
      granted: true,
    });

    const surveys = screen.getByRole('checkbox', { name: /survey answers/ });
    await user.click(surveys);
    await waitFor(() => expect(announcer()).toHaveTextContent('Consent withdrawn'));
    expect(surveys).not.toBeChecked();
    expect(surveys).toHaveAccessibleDescription(/Withdrawn on 25 November 2026\.$/);
  });

  it('puts the choice back and says so when saving fails', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      SetConsent: { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    renderWithApp(<ConsentsForm consents={consents} />, { client });
    const listed = screen.getByRole('checkbox', { name: 'I may be listed in the directory' });
    await user.click(listed);
    expect(await screen.findByRole('alert')).toHaveTextContent('Please sign in to see this.');
    expect(listed).toBeChecked();
    await waitFor(() => expect(announcer()).toHaveTextContent('Not saved.'));
  });
});
