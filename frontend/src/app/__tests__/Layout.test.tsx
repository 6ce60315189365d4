import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { edges, mockClient, renderWithApp } from '../../test/utils';
import { AppRoutes } from '../routes';

const home = {
  data: {
    people: { __typename: 'PersonConnection', totalCount: 104 },
    cohorts: { __typename: 'CohortConnection', totalCount: 9 },
    organizations: { __typename: 'OrganizationConnection', totalCount: 5 },
    upcoming: { __typename: 'CohortConnection', edges: [] },
  },
};

const trainers = {
  data: {
    trainers: {
      __typename: 'PersonConnection',
      totalCount: 1,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: false,
        hasPreviousPage: false,
        startCursor: 'a',
        endCursor: 'a',
      },
      edges: edges([
        {
          __typename: 'Person',
          id: '3',
          givenName: 'Гүлнара',
          familyName: 'Әлиева',
          city: 'Алматы',
          profile: null,
          activities: { __typename: 'ActivityConnection', edges: [] },
          trainedCohorts: { __typename: 'CohortConnection', totalCount: 4 },
        },
      ]),
    },
  },
};

describe('Layout and navigation', () => {
  it('has a skip link, landmarks and one h1 with the page title', async () => {
    const { client } = mockClient({ Home: home });
    renderWithApp(<AppRoutes />, { client });
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Home — Birge');
    // headline figures come from the counts
    expect(await screen.findByText('104')).toBeInTheDocument();
    expect(screen.getByText('people in the directory')).toBeInTheDocument();
    // the first load does not steal focus
    expect(screen.getByRole('heading', { level: 1 })).not.toHaveFocus();
  });

  it('moves focus to the new page’s heading and updates the title', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({ Home: home, Trainers: trainers });
    renderWithApp(<AppRoutes />, { client });
    await user.click(screen.getByRole('link', { name: 'Trainers' }));
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Trainers' });
    await waitFor(() => expect(h1).toHaveFocus());
    expect(document.title).toBe('Trainers — Birge');
    expect(screen.getByRole('link', { name: 'Trainers' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('link', { name: 'Гүлнара Әлиева' })).toBeInTheDocument();
  });

  it('shows a not-found page for unknown addresses', () => {
    renderWithApp(<AppRoutes />, { route: '/no/such/page' });
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends visitors to sign in for their profile page', async () => {
    renderWithApp(<AppRoutes />, { route: '/me' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
