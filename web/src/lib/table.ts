/**
 * Column definitions and the pure row logic behind DataTable: one `Column` drives the cell
 * display, sorting, the search box, select filters and the CSV/XLSX export. No Svelte state
 * and no i18n import here, so it is unit-tested as plain functions.
 */
import type { Money } from '@arbor/shared/money';
import type { Snippet } from 'svelte';

export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime';
export type SortDirection = 'asc' | 'desc';
export type CellValue = string | number | Money | null | undefined;

export interface FilterOption {
  value: string;
  label: string;
}

interface ColumnBase<Row> {
  /** Unique within the table; the key of sort and select-filter state sent to the server. */
  key: string;
  label: string;
  /** What the cell shows (a translated status, a name with an ID). Text columns sort, search and export by it. */
  text?: (row: Row) => string;
  /** Sort by something other than the value, e.g. a rank's level instead of its name. */
  sortValue?: (row: Row) => number | string | null | undefined;
  /** Default true. */
  sortable?: boolean;
  /** Whether the search box looks in this column. Default true. */
  searchable?: boolean;
  /** A select filter above the table: `true` lists the distinct values found (client mode only), or give them. */
  filter?: true | FilterOption[];
  /** Default true; false leaves the column out of CSV and XLSX (e.g. an actions column). */
  exportable?: boolean;
  /** Intl options for number columns, e.g. `{ maximumFractionDigits: 1 }`. */
  numberFormat?: Intl.NumberFormatOptions;
  /** XLSX column width in characters; a guess from the label and type otherwise. */
  width?: number;
  /** Replaces the cell's content (a badge, a link); it receives the row and the display text. */
  cell?: Snippet<[row: Row, text: string]>;
}

/** The value's type follows the column's `type`: money is integer minor units, dates are ISO strings. */
export type Column<Row> =
  | (ColumnBase<Row> & { type?: 'text'; value: (row: Row) => string | null | undefined })
  | (ColumnBase<Row> & { type: 'number'; value: (row: Row) => number | null | undefined })
  | (ColumnBase<Row> & { type: 'money'; value: (row: Row) => Money | null | undefined })
  | (ColumnBase<Row> & { type: 'date' | 'datetime'; value: (row: Row) => string | null | undefined });

export interface SortState {
  key: string;
  direction: SortDirection;
}

export interface RowFilter {
  /** The search box text. */
  query: string;
  /** Column key -> chosen option value; an empty string means "all". */
  selects: Record<string, string>;
}

/** Display text of a cell, as the table shows it. */
export type TextOf<Row> = (column: Column<Row>, row: Row) => string;

/**
 * Server mode: the parent owns the rows and the paging. Callbacks may return a promise;
 * the table disables its controls while `loading` is true.
 */
export interface ServerPaging {
  hasMore: boolean;
  hasPrevious: boolean;
  /** Zero-based index of the page shown, for "Page n". */
  pageIndex: number;
  /** Total matching rows when the server knows it. */
  total?: number | null;
  onNext: () => unknown;
  onPrevious: () => unknown;
  /** Without it, headers do not sort in server mode. */
  onSort?: (sort: SortState | null) => unknown;
  /** Without it, the search box and select filters are hidden in server mode. Called debounced. */
  onFilter?: (filter: RowFilter) => unknown;
  onPageSize?: (size: number) => unknown;
}

/**
 * Fetches every row matching the current filter for an export, reporting progress as it goes.
 * It should stop and throw when the signal aborts (the Cancel button).
 */
export type ExportProvider<Row> = (
  progress: (done: number, total: number | null) => void,
  signal: AbortSignal,
) => Promise<Row[]>;

export const columnType = <Row>(column: Column<Row>): ColumnType => column.type ?? 'text';

export const isNumeric = <Row>(column: Column<Row>) => column.type === 'number' || column.type === 'money';

export function isMoney(value: CellValue): value is Money {
  return typeof value === 'object' && value !== null;
}

/** "1234.56" from `{ amount: 123456 }` in integer arithmetic: the exact decimal, never a float. */
export function moneyDecimal(value: Money, minorDigits = 2): string {
  const unit = 10 ** minorDigits;
  const sign = value.amount < 0 ? '-' : '';
  const abs = Math.abs(value.amount);
  const major = Math.floor(abs / unit);
  const minor = String(abs % unit).padStart(minorDigits, '0');
  return minorDigits ? `${sign}${major}.${minor}` : `${sign}${major}`;
}

/** Lower case without accents, so "jose" finds "José" and "MUNOZ" finds "Muñoz". */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Caches a text function per row and column key: search, sort and export ask for the same cells. */
export function memoizeText<Row>(textOf: TextOf<Row>): TextOf<Row> {
  const cache = new Map<Row, Map<string, string>>();
  return (column, row) => {
    let texts = cache.get(row);
    if (!texts) cache.set(row, (texts = new Map()));
    let text = texts.get(column.key);
    if (text === undefined) texts.set(column.key, (text = textOf(column, row)));
    return text;
  };
}

type SortKey = number | string | null;

function sortKey<Row>(column: Column<Row>, row: Row, textOf: TextOf<Row>): SortKey {
  if (column.sortValue) return column.sortValue(row) ?? null;
  switch (column.type) {
    case 'number': {
      const value = column.value(row);
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }
    case 'money':
      return column.value(row)?.amount ?? null;
    case 'date':
    case 'datetime': {
      const iso = column.value(row);
      const time = iso ? Date.parse(iso) : NaN;
      return Number.isNaN(time) ? null : time;
    }
    default:
      return textOf(column, row) || null;
  }
}

/**
 * Sorted copy; empty values last in both directions, ties keep their order (a stable sort
 * with a reversed comparison, never a reversed array). Text compares by the locale's rules
 * with numbers in text ordered naturally ("Item 9" before "Item 10").
 */
export function sortRows<Row>(
  rows: readonly Row[],
  column: Column<Row>,
  direction: SortDirection,
  locale: string,
  textOf: TextOf<Row> = defaultText,
): Row[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: sortKey(column, row, textOf) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
    if (typeof a.key === 'number' && typeof b.key === 'number') return sign * (a.key - b.key);
    return sign * collator.compare(String(a.key), String(b.key));
  });
  return keyed.map((entry) => entry.row);
}

/** The raw value as a string: what a select filter matches on. */
export function optionValue<Row>(column: Column<Row>, row: Row): string {
  const value: CellValue = column.value(row);
  if (value === null || value === undefined) return '';
  return isMoney(value) ? moneyDecimal(value) : String(value);
}

/** Text for export and search when no formatter is supplied: the `text` function or the raw value. */
export function defaultText<Row>(column: Column<Row>, row: Row): string {
  if (column.text) return column.text(row);
  const value: CellValue = column.value(row);
  if (value === null || value === undefined) return '';
  return isMoney(value) ? `${moneyDecimal(value)} ${value.currency}` : String(value);
}

/**
 * Rows that match every word of the query (in any searchable column, accents and case ignored)
 * and every chosen select filter.
 */
export function filterRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  filter: RowFilter,
  textOf: TextOf<Row> = defaultText,
): Row[] {
  const terms = normalizeText(filter.query).split(/\s+/).filter(Boolean);
  const selects = Object.entries(filter.selects)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => ({ column: columns.find((c) => c.key === key), value }))
    .filter((s): s is { column: Column<Row>; value: string } => s.column !== undefined);
  if (!terms.length && !selects.length) return [...rows];
  const searchable = columns.filter((c) => c.searchable !== false);
  return rows.filter((row) => {
    if (!selects.every((s) => optionValue(s.column, row) === s.value)) return false;
    if (!terms.length) return true;
    const haystack = normalizeText(
      searchable
        .map((column) => {
          const text = textOf(column, row);
          // A number is found as shown ("1,200") and as typed ("1200").
          return isNumeric(column) ? `${text} ${optionValue(column, row)}` : text;
        })
        .join('\u0000'),
    );
    return terms.every((term) => haystack.includes(term));
  });
}

/** Distinct options for a `filter: true` column, labeled by the display text and sorted by it. */
export function selectOptions<Row>(
  rows: readonly Row[],
  column: Column<Row>,
  locale: string,
  textOf: TextOf<Row> = defaultText,
): FilterOption[] {
  if (Array.isArray(column.filter)) return column.filter;
  const seen = new Map<string, string>();
  for (const row of rows) {
    const value = optionValue(column, row);
    if (value !== '' && !seen.has(value)) seen.set(value, textOf(column, row));
  }
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label));
}

export interface PageSlice<Row> {
  rows: Row[];
  /** Zero-based, clamped into range. */
  page: number;
  pageCount: number;
  total: number;
  /** One-based first and last row numbers shown; 0 and 0 when empty. */
  from: number;
  to: number;
}

export function paginate<Row>(rows: readonly Row[], page: number, pageSize: number): PageSlice<Row> {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  const start = current * size;
  const slice = rows.slice(start, start + size);
  return {
    rows: slice,
    page: current,
    pageCount,
    total: rows.length,
    from: slice.length ? start + 1 : 0,
    to: start + slice.length,
  };
}

/** Next sort when a header is clicked: ascending, then descending, then back to unsorted. */
export function nextSort(
  current: SortState | null,
  key: string,
  firstDirection: SortDirection = 'asc',
): SortState | null {
  if (current?.key !== key) return { key, direction: firstDirection };
  if (current.direction === firstDirection) return { key, direction: firstDirection === 'asc' ? 'desc' : 'asc' };
  return null;
}
