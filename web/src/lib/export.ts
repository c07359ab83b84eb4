/**
 * CSV and XLSX files from the same column definitions the table displays. Pure functions apart
 * from `downloadBlob`; the XLSX writer is loaded on first use so it stays out of the main bundle.
 */
import type { Money } from '@arbor/shared/money';
import { defaultText, moneyDecimal, type Column, type TextOf } from './table';

export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportOptions<Row> {
  /** Text of text columns (translated labels); numbers, money and dates export their values. */
  textOf?: TextOf<Row>;
  /** Header of the currency column that follows each money column in CSV. */
  currencyHeader?: (label: string) => string;
}

const exported = <Row>(columns: readonly Column<Row>[]) => columns.filter((c) => c.exportable !== false);
const defaultCurrencyHeader = (label: string) => `${label} (currency)`;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The wall-clock parts the member saw in the table: a calendar date stays that date in every
 * time zone; an instant is shown in the browser's time zone.
 */
function dateParts(iso: string, withTime: boolean): [number, number, number, number, number, number] | null {
  if (DATE_ONLY.test(iso)) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return [y, m, d, 0, 0, 0];
  }
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const day: [number, number, number] = [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  return withTime ? [...day, date.getHours(), date.getMinutes(), date.getSeconds()] : [...day, 0, 0, 0];
}

/** "2026-03-01" or "2026-03-01 14:05:09": ISO order, which Excel and LibreOffice read as dates. */
export function exportDateText(iso: string, withTime: boolean): string {
  const parts = dateParts(iso, withTime);
  if (!parts) return iso;
  const [y, m, d, h, min, s] = parts;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return withTime ? `${day} ${pad(h)}:${pad(min)}:${pad(s)}` : day;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or CR before one) as a formula,
 * so such text gets a leading apostrophe (OWASP "CSV injection"); plain numbers like -12.50 pass.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCells<Row>(column: Column<Row>, row: Row, textOf: TextOf<Row>): string[] {
  switch (column.type) {
    case 'number': {
      const value = column.value(row);
      return [typeof value === 'number' && Number.isFinite(value) ? String(value) : ''];
    }
    case 'money': {
      const value = column.value(row);
      return value ? [moneyDecimal(value), value.currency] : ['', ''];
    }
    case 'date':
    case 'datetime': {
      const value = column.value(row);
      return [value ? guardFormula(exportDateText(value, column.type === 'datetime')) : ''];
    }
    default:
      return [guardFormula(textOf(column, row))];
  }
}

/**
 * A CSV that Excel opens with accents intact (UTF-8 BOM) and that never runs a formula.
 * Numbers use a plain "." decimal without grouping; each money column is followed by its currency.
 */
export function toCsv<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: ExportOptions<Row> = {},
): string {
  const textOf = options.textOf ?? defaultText;
  const currencyHeader = options.currencyHeader ?? defaultCurrencyHeader;
  const cols = exported(columns);
  const header = cols.flatMap((c) => (c.type === 'money' ? [c.label, currencyHeader(c.label)] : [c.label]));
  const lines = [header.map(guardFormula), ...rows.map((row) => cols.flatMap((c) => csvCells(c, row, textOf)))];
  return `\uFEFF${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetNameFor(name: string): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || 'Sheet1';
}

type XlsxCell =
  | null
  | { value: string; type: StringConstructor; fontWeight?: 'bold' }
  | { value: number; type: NumberConstructor; format?: string }
  | { value: Date; type: DateConstructor; format: string };

function xlsxCell<Row>(column: Column<Row>, row: Row, textOf: TextOf<Row>): XlsxCell {
  switch (column.type) {
    case 'number': {
      const value = column.value(row);
      return typeof value === 'number' && Number.isFinite(value) ? { value, type: Number } : null;
    }
    case 'money': {
      const value: Money | null | undefined = column.value(row);
      // Number("1234.56") is the double nearest the exact decimal, which is what Excel stores.
      return value
        ? { value: Number(moneyDecimal(value)), type: Number, format: `#,##0.00 "${value.currency}"` }
        : null;
    }
    case 'date':
    case 'datetime': {
      const iso = column.value(row);
      const withTime = column.type === 'datetime';
      const parts = iso ? dateParts(iso, withTime) : null;
      if (!parts) return iso ? { value: iso, type: String } : null;
      // The writer turns a Date into a serial from its UTC time: give it the wall clock as UTC.
      const [y, m, d, h, min, s] = parts;
      return {
        value: new Date(Date.UTC(y, m - 1, d, h, min, s)),
        type: Date,
        format: withTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd',
      };
    }
    default: {
      const text = textOf(column, row);
      // A typed string cell is never evaluated as a formula, so no guard is needed here.
      return text === '' ? null : { value: text, type: String };
    }
  }
}

function columnWidth<Row>(column: Column<Row>): number {
  if (column.width) return column.width;
  const byType = { text: 24, number: 12, money: 16, date: 12, datetime: 18 }[column.type ?? 'text'];
  return Math.min(60, Math.max(byType, column.label.length + 2));
}

/** An .xlsx workbook of one sheet: bold frozen header, numbers as numbers, dates as dates. */
export async function toXlsx<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  sheetName: string,
  options: Pick<ExportOptions<Row>, 'textOf'> = {},
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const textOf = options.textOf ?? defaultText;
  const cols = exported(columns);
  const header: XlsxCell[] = cols.map((c) => ({ value: c.label, type: String, fontWeight: 'bold' }));
  const data = [header, ...rows.map((row) => cols.map((c) => xlsxCell(c, row, textOf)))];
  return writeXlsxFile(data, {
    sheet: sheetNameFor(sheetName),
    columns: cols.map((c) => ({ width: columnWidth(c) })),
    stickyRowsCount: 1,
  }).toBlob();
}

/** "team-2026-03-01.csv": a safe file name with today's date. */
export function exportFileName(base: string, extension: 'csv' | 'xlsx', today = new Date()): string {
  const slug =
    base
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export';
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `${slug}-${date}.${extension}`;
}

/** Saves a Blob through a temporary link; the object URL is released once the click is handled. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
