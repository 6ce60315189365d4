import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { announcer, edges, mockClient, renderWithApp, tag } from '../../../test/utils';
import { SearchPage } from '../components/SearchPage';

const options = {
  data: {
    activities: { __typename: 'ActivityConnection', edges: edges([tag('a1', 'Dance'), tag('a2', 'Singing')]) },
    interests: { __typename: 'InterestConnection', edges: edges([{ ...tag('i1', 'Chess'), __typename: 'Interest' }]) },
    cohorts: {
      __typename: 'CohortConnection',
      edges: edges([{ __typename: 'Cohort', id: 'c1', city: 'Almaty', startDate: '2023-04-17T00:00:00+05:00' }]),
    },
  },
};

const person = (id: string, given: string, family: string) => ({
  __typename: 'Person',
  id,
  givenName: given,
  familyName: family,
  city: 'Almaty',
  isTrainer: false,
  activities: { __typename: 'ActivityConnection', edges: [] },
  interests: { __typename: 'InterestConnection', edges: [] },
});

const results = (people: ReturnType<typeof person>[], total = people.length) => ({
  data: {
    searchPeople: {
      __typename: 'PersonConnection',
      totalCount: total,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: false,
        hasPreviousPage: false,
        startCursor: 's',
        endCursor: 'e',
      },
      edges: edges(people),
    },
  },
});

describe('SearchPage', () => {
  it('asks for nothing until there is something to search for', async () => {
    const { client, calls } = mockClient({ PeopleFilterOptions: options });
    renderWithApp(<SearchPage />, { route: '/search', client });
    expect(screen.getByRole('heading', { level: 1, name: 'Search people' })).toBeInTheDocument();
    expect(screen.getByText(/Type a name, a city/)).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.name === 'PeopleFilterOptions')).toBe(true));
    expect(calls.some((c) => c.name === 'SearchPeople')).toBe(false);
  });

  it('searches for the text with the filters and announces how many were found', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      PeopleFilterOptions: options,
      SearchPeople: results([person('7', 'Жанар', 'Ержанова')]),
    });
    renderWithApp(<SearchPage />, { route: '/search', client });
    const form = screen.getByRole('search', { name: 'Search people' });
    await user.type(within(form).getByLabelText('Name, city, interest or activity'), 'Zhanar');
    await user.click(within(form).getByText('More filters'));
    await user.selectOptions(within(form).getByLabelText('Speaks'), 'kk');
    await user.selectOptions(within(form).getByLabelText('Looking for'), 'Friends');
    await user.selectOptions(within(form).getByLabelText('Activity'), 'Singing');
    expect(calls.some((c) => c.name === 'SearchPeople')).toBe(false);
    await user.click(within(form).getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('link', { name: 'Жанар Ержанова' })).toHaveAttribute('href', '/people/7');
    expect(calls.find((c) => c.name === 'SearchPeople')!.variables).toMatchObject({
      query: 'Zhanar',
      filter: { language: 'kk', lookingFor: 'FRIENDS', activityID: 'a2' },
      first: 10,
    });
    expect(screen.getByRole('heading', { level: 2, name: /1 person found · 3 filters on/ })).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('1 person found for “Zhanar”.'));
    expect(within(form).getByText('More filters (3 on)')).toBeInTheDocument();
  });

  it('says so when no one is found', async () => {
    const { client } = mockClient({ PeopleFilterOptions: options, SearchPeople: results([]) });
    renderWithApp(<SearchPage />, { route: '/search?q=nobody', client });
    expect(await screen.findByText(/No one matches/)).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('No one found.'));
  });
});
