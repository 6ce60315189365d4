import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../ui/TableRegion';
import { BarChart } from './BarChart';
import { CellText } from './CellText';
import type { ChartRow, ChartSeries } from './types';

interface ChartFigureProps {
  title: string;
  /** The header of the first column: what a row is ("Year", "City"). */
  rowHeader: string;
  rows: ChartRow[];
  series: ChartSeries[];
  max?: number;
  /** A sentence under the chart, e.g. what the figures count. */
  note?: ReactNode;
}

/**
 * A chart with a button that shows the same figures as a table (with a
 * caption, and column and row headers), and back. The choice stays put while
 * the figures change, e.g. when the grouping changes.
 */
export function ChartFigure({ title, rowHeader, rows, series, max, note }: ChartFigureProps) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const id = `chart${useId().replace(/:/g, '')}`;

  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <figcaption id={`${id}-title`} className="chart-title">
          {title}
        </figcaption>
        <button
          type="button"
          className="button secondary"
          aria-controls={`${id}-body`}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? t('charts.showChart') : t('charts.showTable')}
        </button>
      </div>
      <div id={`${id}-body`}>
        {rows.length === 0 ? (
          <p className="muted">{t('charts.empty')}</p>
        ) : asTable ? (
          <TableRegion labelledBy={`${id}-caption`}>
            <table>
              <caption id={`${id}-caption`}>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{rowHeader}</th>
                  {series.map((s) => (
                    <th scope="col" className="num" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    {series.map((s) => (
                      <td className="num" key={s.key}>
                        <CellText cell={r.values[s.key]} format={s.format} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <BarChart label={title} rows={rows} series={series} max={max} />
        )}
      </div>
      {note ? <p className="chart-note muted">{note}</p> : null}
    </figure>
  );
}
