/** One figure: a number, or withheld ("fewer than 5"), or none at all. */
export interface ChartValue {
  value?: number | null;
  suppressed: boolean;
}

export interface ChartSeries {
  key: string;
  label: string;
  format: (value: number) => string;
  /** False for a column shown only in the table view (e.g. a count beside a share). */
  inChart?: boolean;
}

export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, ChartValue | null | undefined>;
}
