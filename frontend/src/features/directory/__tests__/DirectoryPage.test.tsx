import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { announcer, edges, mockClient, renderWithApp, tag } from '../../../test/utils';
import { DirectoryPage } from '../components/DirectoryPage';

function person(id: string, given: string, family: string, city = 'Алматы') {
  return {
    __typename: 'Person',
    id,
    givenName: given,
    familyName: family,
    city,
    isTrainer: false,
    activities: { __typename: 'ActivityConnection', edges: edges([tag('a1', 'Dance')]) },
    interests: { __typename: 'InterestConnection', edges: [] },
  };
}

const options = {
  data: {
    activities: { __typename: 'ActivityConnection', edges: edges([tag('a1', 'Dance'), tag('a2', 'Singing')]) },
    interests: { __typename: 'InterestConnection', edges: edges([{ ...tag('i1', 'Chess'), __typename: 'Interest' }]) },
    cohorts: {
      __typename: 'CohortConnection',
      edges: edges([
        { __typename: 'Cohort', id: 'c1', city: 'Алматы', startDate: '2024-06-03T00:00:00+05:00' },
        { __typename: 'Cohort', id: 'c2', city: 'Өскемен', startDate: '2023-05-01T00:00:00+05:00' },
      ]),
    },
  },
};

function page(people: ReturnType<typeof person>[], total: number, hasNext: boolean, hasPrevious = false) {
  return {
    data: {
      people: {
        __typename: 'PersonConnection',
        totalCount: total,
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage: hasNext,
          hasPreviousPage: hasPrevious,
          startCursor: 'start',
          endCursor: 'end',
        },
        edges: edges(people),
      },
    },
  };
}

describe('DirectoryPage', () => {
  it('lists people and announces how many were found', async () => {
    const { client } = mockClient({
      PeopleFilterOptions: options,
      DirectoryPeople: page([person('1', 'Айгерим', 'Ахметова'), person('2', 'Ермек', 'Беков')], 2, false),
    });
    renderWithApp(<DirectoryPage />, { route: '/people', client });
    expect(screen.getByRole('heading', { level: 1, name: 'People' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Айгерим Ахметова' })).toHaveAttribute('href', '/people/1');
    expect(screen.getByRole('heading', { level: 2, name: /2 people found/ })).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('2 people found'));
    // a single page: no paging controls
    expect(screen.queryByRole('navigation', { name: 'Pages of people' })).not.toBeInTheDocument();
  });

  it('sends the chosen filters when "Show people" is pressed', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      PeopleFilterOptions: options,
      DirectoryPeople: (v) =>
        v.where
          ? page([person('2', 'Ермек', 'Беков')], 1, false)
          : page([person('1', 'Айгерим', 'Ахметова')], 1, false),
    });
    renderWithApp(<DirectoryPage />, { route: '/people', client });
    await screen.findByRole('link', { name: 'Айгерим Ахметова' });

    const search = screen.getByRole('search', { name: 'Filter people' });
    await user.type(within(search).getByLabelText('City'), 'Алматы');
    await user.selectOptions(within(search).getByLabelText('Course year'), '2023');
    await user.selectOptions(within(search).getByLabelText('Activity'), 'Singing');
    // nothing is sent until the person asks
    expect(calls.filter((c) => c.name === 'DirectoryPeople')).toHaveLength(1);
    await user.click(within(search).getByRole('button', { name: 'Show people' }));

    expect(await screen.findByRole('link', { name: 'Ермек Беков' })).toBeInTheDocument();
    const last = calls.filter((c) => c.name === 'DirectoryPeople').at(-1)!;
    expect(last.variables.where).toEqual({
      and: [{ cityContainsFold: 'Алматы' }, { cohortYear: 2023 }, { hasActivitiesWith: [{ id: 'a2' }] }],
    });
    expect(screen.getByRole('heading', { level: 2, name: /1 person found · 3 filters on/ })).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('1 person found'));

    await user.click(within(search).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'Айгерим Ахметова' })).toBeInTheDocument();
    expect(within(search).getByLabelText('City')).toHaveValue('');
  });

  it('says so when no one matches', async () => {
    const { client } = mockClient({ PeopleFilterOptions: options, DirectoryPeople: page([], 0, false) });
    renderWithApp(<DirectoryPage />, { route: '/people?city=Nowhere', client });
    expect(await screen.findByText(/No one matches these filters/)).toBeInTheDocument();
    await waitFor(() => expect(announcer()).toHaveTextContent('No people found.'));
  });

  it('pages with cursors and moves focus to the results', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({
      PeopleFilterOptions: options,
      DirectoryPeople: (v) =>
        v.after === 'end'
          ? page([person('13', 'Нұрлан', 'Серіков')], 13, false, true)
          : page([person('1', 'Айгерим', 'Ахметова')], 13, true),
    });
    renderWithApp(<DirectoryPage />, { route: '/people', client });
    const nav = await screen.findByRole('navigation', { name: 'Pages of people' });
    expect(within(nav).getByText('Page 1 of 2')).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: /Previous page/ })).toBeDisabled();

    await user.click(within(nav).getByRole('button', { name: /Next page/ }));
    expect(await screen.findByRole('link', { name: 'Нұрлан Серіков' })).toBeInTheDocument();
    expect(calls.filter((c) => c.name === 'DirectoryPeople').at(-1)!.variables).toMatchObject({
      first: 12,
      after: 'end',
    });
    const nav2 = screen.getByRole('navigation', { name: 'Pages of people' });
    expect(within(nav2).getByText('Page 2 of 2')).toBeInTheDocument();
    expect(within(nav2).getByRole('button', { name: /Next page/ })).toBeDisabled();
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: /13 people found/ })).toHaveFocus());
    await waitFor(() => expect(announcer()).toHaveTextContent('13 people found Page 2 of 2'));
  });
});
