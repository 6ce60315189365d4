import { intlLocale, type Language } from './i18n/languages';

// Formatters are cached: Intl constructors are slow and pages format lists.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: Language, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${lang}:${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[lang], { timeZone: 'Asia/Almaty', ...opts });
    cache.set(key, f);
  }
  return f;
}

function numberFormat(lang: Language, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n:${lang}:${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[lang], opts);
    cache.set(key, f);
  }
  return f;
}

/** A date such as "12 March 2024", in the language's own format. */
export function formatDate(value: string | Date, lang: Language): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** A range of dates, e.g. "3–9 June 2024". */
export function formatDateRange(start: string, end: string, lang: Language): string {
  const a = new Date(start);
  const b = new Date(end);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return '';
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(a, b);
}

/** The year of a date, in Almaty time. */
export function yearOf(value: string): number {
  return Number(dateFormat('en', { year: 'numeric' }).format(new Date(value)));
}

export function formatNumber(value: number, lang: Language): string {
  return numberFormat(lang, {}).format(value);
}

/** An amount in tenge with the ₸ sign and no fractional part. */
export function formatKZT(value: number, lang: Language): string {
  return numberFormat(lang, {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(value);
}

/** An <input type="date"> value as an RFC 3339 time at midnight in Almaty. */
export function fromDateInput(value: string): string {
  return `${value}T00:00:00+05:00`;
}

/** A share from 0 to 1 as a whole percentage, e.g. "83%" or "83 %". */
export function formatPercent(value: number, lang: Language): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A change with its sign, e.g. "+1.8" or "−0.3", with one decimal. */
export function formatChange(value: number, lang: Language): string {
  return numberFormat(lang, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A date and time, e.g. "25 November 2026, 14:05", in Almaty time. */
export function formatDateTime(value: string | Date, lang: Language): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** Today's date as yyyy-mm-dd in Almaty, for file names. */
export function isoDay(now: Date = new Date()): string {
  const parts = dateFormat('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
