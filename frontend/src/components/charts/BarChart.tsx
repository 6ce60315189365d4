import { useTranslation } from 'react-i18next';
import { cellString } from './CellText';
import type { ChartRow, ChartSeries } from './types';

interface BarChartProps {
  /** Names the chart for assistive technology (the figure's caption). */
  label: string;
  rows: ChartRow[];
  series: ChartSeries[];
  /** The value of a full-width bar; by default the largest value shown. */
  max?: number;
}

// Sizes in em, so "Larger text" scales the chart with the text.
const barHeight = 1.5;

/**
 * A horizontal bar chart: one group of bars per row, one bar per series, each
 * labelled with its value (and, with several series, its name, so colour is
 * never the only key). Labels are HTML and wrap on narrow screens; bars are
 * SVG drawn in percentages of the width. A withheld figure has no bar
 * and says "fewer than 5". The whole chart is one image for assistive
 * technology; its figures are in the table view.
 */
export function BarChart({ label, rows, series, max }: BarChartProps) {
  const { t } = useTranslation();
  const shown = series.filter((s) => s.inChart !== false);
  const values = rows.flatMap((r) =>
    shown.map((s) => r.values[s.key]).filter((c) => c && !c.suppressed && typeof c.value === 'number'),
  );
  const top = max ?? Math.max(0, ...values.map((c) => Math.abs(c!.value!)));
  const multi = shown.length > 1;

  return (
    <div className="bar-chart" role="img" aria-label={t('charts.imageLabel', { title: label })}>
      {rows.map((row) => (
        <div className="chart-row" key={row.key} aria-hidden="true">
          <p className="chart-row-label">{row.label}</p>
          {shown.map((s, i) => {
            const cell = row.values[s.key];
            const text = cellString(cell, s.format, t);
            const has = !!cell && !cell.suppressed && typeof cell.value === 'number';
            const pct = has && top > 0 ? Math.max(0, Math.min(100, (Math.abs(cell.value!) / top) * 100)) : 0;
            const inside = pct >= 50;
            return (
              <div className={multi ? 'chart-bar-line multi' : 'chart-bar-line'} key={s.key}>
                {multi ? <span className="chart-series-name">{s.label}</span> : null}
                <svg width="100%" height={`${barHeight}em`} focusable="false">
                  {has ? (
                    <rect className={`series-${i}`} x="0" y="0" width={`${Math.max(pct, 0.5)}%`} height="100%" rx="3" />
                  ) : null}
                  <text
                    className={has ? (inside ? 'bar-value inside' : 'bar-value') : 'bar-value withheld'}
                    x={has ? `${pct}%` : '0'}
                    y="50%"
                    dx={inside ? '-0.4em' : '0.4em'}
                    dy="0.35em"
                    textAnchor={inside ? 'end' : 'start'}
                  >
                    {text}
                  </text>
                </svg>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
