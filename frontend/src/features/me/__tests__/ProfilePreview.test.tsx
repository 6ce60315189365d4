import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { ProfilePreview } from '../components/ProfilePreview';

const person = {
  __typename: 'Person',
  id: '5',
  givenName: 'Бауыржан',
  familyName: 'Құрманов',
  city: 'Almaty',
  isTrainer: false,
  organization: null,
  contact: null,
  profile: { __typename: 'Profile', id: 'p5', bio: 'Кітап оқығанды жақсы көремін.', languages: ['kk'] },
  activities: { __typename: 'ActivityConnection', edges: [] },
  interests: { __typename: 'InterestConnection', edges: [] },
  enrollments: { __typename: 'EnrollmentConnection', edges: [] },
  trainedCohorts: { __typename: 'CohortConnection', totalCount: 0, edges: [] },
};

describe('ProfilePreview', () => {
  it('shows my profile through the chosen audience’s eyes', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      ProfilePreview: (v) =>
        v.audience === 'PUBLIC'
          ? { data: { profilePreview: null } }
          : { data: { profilePreview: { ...person, profile: v.audience === 'PARTNER' ? null : person.profile } } },
    });
    renderWithApp(<ProfilePreview version={0} client={client} />, { client });
    const frame = await screen.findByRole('region', { name: 'How a community member sees your profile:' });
    expect(within(frame).getByText('Кітап оқығанды жақсы көремін.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'A partner organization' }));
    const partner = await screen.findByRole('region', { name: 'How a partner organization sees your profile:' });
    expect(within(partner).getByText('Бауыржан Құрманов')).toBeInTheDocument();
    expect(within(partner).queryByText('Кітап оқығанды жақсы көремін.')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(announcer()).toHaveTextContent('Preview updated: how a partner organization sees your profile.'),
    );

    await user.click(screen.getByRole('radio', { name: 'The public' }));
    const pub = await screen.findByRole('region', { name: 'How the public sees your profile:' });
    expect(within(pub).getByText('They cannot see your profile at all.')).toBeInTheDocument();
    expect(calls.filter((c) => c.name === 'ProfilePreview').map((c) => c.variables.audience)).toEqual([
      'MEMBER',
      'PARTNER',
      'PUBLIC',
    ]);
  });
});
