/**
 * Numbers, money and dates for display in the current language. Each function reads the locale
 * from i18n, so markup that calls it re-renders when the member switches language.
 */
import type { Money } from '@arbor/shared/money';
import { i18n, t } from './i18n/index.svelte';
import { INTL_LOCALES } from './i18n/message';
import { moneyDecimal, type Column } from './table';

/** The Intl locale for the app's language: Spanish is the Latin American (Mexican) variant. */
export const intlLocale = (): string => INTL_LOCALES[i18n.locale];

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

// Building an Intl formatter costs far more than using one; tables format thousands of cells.
function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${intlLocale()}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intlLocale(), options)));
  return format;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale()}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(intlLocale(), options)));
  return format;
}

/** 1234.5 -> "1,234.5" (en) or "1,234.5" (es-MX); pass Intl options for digits or units. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(options).format(value);
}

/** Whole counts: rows, members, points. */
export function formatCount(value: number): string {
  return numberFormat({ maximumFractionDigits: 0 }).format(value);
}

/** 0.125 -> "12.5%". */
export function formatPercent(ratio: number, maximumFractionDigits = 1): string {
  return numberFormat({ style: 'percent', maximumFractionDigits }).format(ratio);
}

/** `{ amount: 123456, currency: 'USD' }` -> "$1,234.56" / "USD 1,234.56": formatted from the exact decimal. */
export function formatMoney(value: Money): string {
  // The same approach as shared `formatMoney`, with a cached formatter: Intl formats the decimal string exactly.
  const format = numberFormat({ style: 'currency', currency: value.currency, minimumFractionDigits: 2 });
  return format.format(moneyDecimal(value) as `${number}`);
}

/**
 * A calendar date ("2026-03-01") is shown as that date wherever the browser is; parsing it as
 * an instant would show the day before west of UTC. A timestamp is shown in local time.
 */
export function formatDay(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return dateFormat(dateOnly ? { ...options, timeZone: 'UTC' } : options).format(time);
}

export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** What a DataTable cell shows: the column's `text`, else its value formatted by type. */
export function cellText<Row>(column: Column<Row>, row: Row): string {
  if (column.text) return column.text(row);
  switch (column.type) {
    case 'number': {
      const value = column.value(row);
      return typeof value === 'number' && Number.isFinite(value) ? formatNumber(value, column.numberFormat) : '';
    }
    case 'money': {
      const value = column.value(row);
      return value ? formatMoney(value) : '';
    }
    case 'date': {
      const value = column.value(row);
      return value ? formatDay(value) : '';
    }
    case 'datetime': {
      const value = column.value(row);
      return value ? formatTimestamp(value) : '';
    }
    default:
      return column.value(row) ?? '';
  }
}

/** Shown in place of an empty cell. */
export const emptyCell = (): string => t('format.empty');
