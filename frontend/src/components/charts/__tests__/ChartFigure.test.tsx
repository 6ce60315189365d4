import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { CellText } from '../CellText';
import { ChartFigure } from '../ChartFigure';
import type { ChartRow, ChartSeries } from '../types';

const count = (v: number) => new Intl.NumberFormat('en-GB').format(v);
const share = (v: number) => new Intl.NumberFormat('en-GB', { style: 'percent' }).format(v);

const series: ChartSeries[] = [
  { key: 'participants', label: 'Places taken', format: count },
  { key: 'completed', label: 'Completed', format: count },
  { key: 'rate', label: 'Completion rate', format: share, inChart: false },
];

const rows: ChartRow[] = [
  {
    key: '2023',
    label: '2023',
    values: {
      participants: { value: 1234, suppressed: false },
      completed: { value: 1200, suppressed: false },
      rate: { value: 0.97, suppressed: false },
    },
  },
  {
    key: '2024',
    label: '2024',
    values: {
      participants: { value: null, suppressed: true },
      completed: { value: 12, suppressed: false },
      rate: null,
    },
  },
];

describe('CellText', () => {
  it('writes a withheld figure as “fewer than 5” in each language, never a number', async () => {
    const { rerender } = render(<CellText cell={{ value: 3, suppressed: true }} format={count} />);
    expect(screen.getByText('fewer than 5')).toBeInTheDocument();
    expect(screen.queryByText('3')).not.toBeInTheDocument();
    await i18n.changeLanguage('ru');
    rerender(<CellText cell={{ value: null, suppressed: true }} format={count} />);
    expect(screen.getByText('менее 5')).toBeInTheDocument();
    await i18n.changeLanguage('kk');
    rerender(<CellText cell={{ value: null, suppressed: true }} format={count} />);
    expect(screen.getByText('5-тен аз')).toBeInTheDocument();
  });

  it('writes a missing figure as “no data” and a number in the given format', () => {
    const { rerender } = render(<CellText cell={{ value: null, suppressed: false }} format={count} />);
    expect(screen.getByText('no data')).toBeInTheDocument();
    rerender(<CellText cell={{ value: 152510000, suppressed: false }} format={count} />);
    expect(screen.getByText('152,510,000')).toBeInTheDocument();
  });
});

describe('ChartFigure', () => {
  it('shows a chart that is one named image, with a bar per figure and labels', () => {
    const { container } = render(
      <ChartFigure title="Participants by year" rowHeader="Year" rows={rows} series={series} />,
    );
    const figure = screen.getByRole('figure', { name: 'Participants by year' });
    const img = within(figure).getByRole('img');
    expect(img).toHaveAccessibleName('Bar chart: Participants by year. The figures are in the table view.');
    // three bars: the withheld figure has none, and a table-only series is not drawn
    expect(container.querySelectorAll('rect')).toHaveLength(3);
    expect(img).toHaveTextContent('fewer than 5');
    expect(img).not.toHaveTextContent('Completion rate');
  });

  it('switches to a table with a caption and headers, and back', async () => {
    const user = userEvent.setup();
    render(<ChartFigure title="Participants by year" rowHeader="Year" rows={rows} series={series} />);
    await user.click(screen.getByRole('button', { name: 'Show as a table' }));
    const table = screen.getByRole('table', { name: 'Participants by year' });
    const cols = within(table).getAllByRole('columnheader');
    expect(cols.map((c) => c.textContent)).toEqual(['Year', 'Places taken', 'Completed', 'Completion rate']);
    for (const c of cols) expect(c).toHaveAttribute('scope', 'col');
    const rowHeads = within(table).getAllByRole('rowheader');
    expect(rowHeads.map((c) => c.textContent)).toEqual(['2023', '2024']);
    for (const c of rowHeads) expect(c).toHaveAttribute('scope', 'row');
    const [, first, second] = within(table).getAllByRole('row');
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1,234', '1,200', '97%']);
    expect(
      within(second!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['fewer than 5', '12', 'no data']);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();

    // the button keeps focus and now offers the chart
    const back = screen.getByRole('button', { name: 'Show as a chart' });
    expect(back).toHaveFocus();
    await user.click(back);
    expect(screen.getByRole('img')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when there are no figures', () => {
    render(<ChartFigure title="Nothing" rowHeader="Year" rows={[]} series={series} />);
    expect(screen.getByText('No figures yet.')).toBeInTheDocument();
  });
});
