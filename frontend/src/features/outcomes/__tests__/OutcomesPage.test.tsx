import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import OutcomesPage from '../components/OutcomesPage';
import { csvFileName, groupingFromParam } from '../report';

const cell = (value: number | null, suppressed = false) => ({
  __typename: 'Cell',
  value: suppressed ? null : value,
  n: suppressed ? null : value,
  suppressed,
});
const group = (label: string) => ({ __typename: 'ReportGroup', label, year: null, city: null, cohortID: null });
const reachRow = (label: string, participants: ReturnType<typeof cell>, completed: number) => ({
  __typename: 'ReachRow',
  group: group(label),
  coursesRun: 1,
  participants,
  completed: cell(completed),
  completionRate: participants.suppressed ? cell(null, true) : cell(completed / (participants.value ?? 1)),
});
const stage = (s: string) => ({
  __typename: 'StageOutcome',
  stage: s,
  due: cell(12),
  responded: cell(8),
  responseRate: cell(0.66),
  cooksForSelf: cell(0.5),
  travelsAlone: cell(null, true),
  communityParticipation: cell(0.75),
  employedOrStudying: cell(0.25),
  compared: s === 'BASELINE' ? null : cell(8),
  independenceImproved: s === 'BASELINE' ? null : cell(0.625),
  independenceChange: s === 'BASELINE' ? null : cell(1.25),
  confidenceImproved: s === 'BASELINE' ? null : cell(null, true),
  confidenceChange: s === 'BASELINE' ? null : cell(null, true),
});
const stages = ['BASELINE', 'COURSE_END', 'MONTH_3', 'MONTH_6', 'MONTH_12'].map(stage);
const outcomeRow = (label: string) => ({ __typename: 'OutcomeRow', group: group(label), completed: cell(12), stages });

function dashboard(groupBy: string) {
  const rows =
    groupBy === 'NONE'
      ? []
      : [reachRow('Almaty, spring 2023', cell(13), 12), reachRow('Almaty, autumn 2023', cell(null, true), 14)];
  return {
    data: {
      programReach: {
        __typename: 'ReachReport',
        groupBy,
        generatedAt: '2026-11-25T08:00:00Z',
        rows,
        total: reachRow('all', cell(29), 26),
      },
      outcomes: {
        __typename: 'OutcomesReport',
        groupBy,
        generatedAt: '2026-11-25T08:00:00Z',
        rows: groupBy === 'NONE' ? [] : [outcomeRow('Almaty, spring 2023'), outcomeRow('Almaty, autumn 2023')],
        total: outcomeRow('all'),
      },
    },
  };
}

const funding = (groupBy: string) => ({
  data: {
    fundingReport: {
      __typename: 'FundingReport',
      groupBy,
      generatedAt: '2026-11-25T08:00:00Z',
      rows: [
        {
          __typename: 'FundingRow',
          label: 'Dala Foundation',
          funderID: 'f1',
          year: null,
          purpose: null,
          amountKzt: 28050000,
          grants: 7,
        },
      ],
      totalKzt: 28050000,
      perParticipantKzt: cell(967241),
      perCompleterKzt: cell(null, true),
      costByYear: [
        {
          __typename: 'YearCost',
          year: 2023,
          fundingKzt: 28050000,
          participants: cell(29),
          completed: cell(26),
          perParticipantKzt: cell(967241),
          perCompleterKzt: cell(null, true),
        },
      ],
    },
  },
});

function renderPage(route = '/outcomes') {
  const mock = mockClient({
    OutcomesDashboard: (v) => dashboard(v.groupBy as string),
    FundingReport: (v) => funding(v.groupBy as string),
    ReachCsv: (v) => ({
      data: {
        programReach: {
          __typename: 'ReachReport',
          groupBy: v.groupBy,
          csv: 'group,year,city,cohort_id,courses_run,participants,completed,completion_rate\nall,,,,2,29,26,0.897\n',
        },
      },
    }),
  });
  renderWithApp(
    <Routes>
      <Route path="/outcomes" element={<OutcomesPage />} />
    </Routes>,
    { route, client: mock.client },
  );
  return mock;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('outcomes report helpers', () => {
  it('reads the grouping from the address, by year unless told', () => {
    expect(groupingFromParam('course')).toBe('COHORT');
    expect(groupingFromParam('total')).toBe('NONE');
    expect(groupingFromParam(null)).toBe('YEAR');
    expect(groupingFromParam('nonsense')).toBe('YEAR');
    expect(csvFileName('reach', 'city', '2026-11-25')).toBe('birge-reach-by-city-2026-11-25.csv');
  });
});

describe('OutcomesPage', () => {
  it('shows the figures by year, with withheld ones as “fewer than 5”', async () => {
    const { calls } = renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Programme outcomes' })).toBeInTheDocument();
    await screen.findByRole('figure', { name: 'Participants and graduates, by year' });
    expect(calls.find((c) => c.name === 'OutcomesDashboard')!.variables).toEqual({ groupBy: 'YEAR' });
    expect(calls.find((c) => c.name === 'FundingReport')!.variables).toEqual({ groupBy: 'FUNDER' });
    const group = screen.getByRole('group', { name: 'Show the figures' });
    expect(within(group).getByRole('button', { name: /By year/ })).toHaveAttribute('aria-pressed', 'true');
    // headline figures in the locale's format, money in tenge
    expect(screen.getByText('29')).toBeInTheDocument();
    expect(screen.getAllByText(/28,050,000/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/₸/).length).toBeGreaterThan(0);
    expect(screen.getAllByText('fewer than 5').length).toBeGreaterThan(0);
  });

  it('switches the grouping, says so, and keeps a table open', async () => {
    const user = userEvent.setup();
    const { calls } = renderPage();
    const figure = await screen.findByRole('figure', { name: 'Participants and graduates, by year' });
    await user.click(within(figure).getByRole('button', { name: 'Show as a table' }));
    await user.click(screen.getByRole('button', { name: /By course/ }));
    await waitFor(() =>
      expect(calls.filter((c) => c.name === 'OutcomesDashboard').at(-1)!.variables).toEqual({ groupBy: 'COHORT' }),
    );
    const table = await screen.findByRole('table', { name: 'Participants and graduates, by course' });
    const autumn = within(table).getByRole('row', { name: /Almaty, autumn 2023/ });
    expect(within(autumn).getAllByRole('cell')[0]).toHaveTextContent('fewer than 5');
    await waitFor(() => expect(announcer()).toHaveTextContent('Figures now shown by course.'));
    expect(screen.getByRole('button', { name: /By course/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('downloads the CSV of what the viewer may see, with a file name', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    const clicked: Array<{ download: string; href: string }> = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const { calls } = renderPage('/outcomes?by=city');
    await screen.findByRole('figure', { name: 'Participants and graduates, by city' });
    await user.click(screen.getByRole('button', { name: 'Download participants (CSV)' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toMatch(/^birge-reach-by-city-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(calls.find((c) => c.name === 'ReachCsv')!.variables).toEqual({ groupBy: 'CITY' });
    const text = await new Promise<string>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as string);
      r.readAsText(created[0]!);
    });
    expect(text.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'group,year,city,cohort_id,courses_run,participants,completed,completion_rate',
    );
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    await waitFor(() => expect(announcer()).toHaveTextContent(/The file birge-reach-by-city-.*\.csv is downloading\./));
  });
});
