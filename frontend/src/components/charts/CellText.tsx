import { useTranslation } from 'react-i18next';
import type { ChartValue } from './types';

/**
 * A report figure as text: the number in the reader's format, "fewer than 5"
 * where it is withheld to protect the people behind it, or "no data".
 */
export function CellText({ cell, format }: { cell: ChartValue | null | undefined; format: (v: number) => string }) {
  const { t } = useTranslation();
  if (cell?.suppressed) return <span className="suppressed">{t('charts.suppressed')}</span>;
  if (cell?.value === null || cell?.value === undefined) return <span className="muted">{t('charts.noData')}</span>;
  return <>{format(cell.value)}</>;
}

/** The same, as a plain string (for chart labels). */
export function cellString(
  cell: ChartValue | null | undefined,
  format: (v: number) => string,
  t: (key: string) => string,
): string {
  if (cell?.suppressed) return t('charts.suppressed');
  if (cell?.value === null || cell?.value === undefined) return t('charts.noData');
  return format(cell.value);
}
