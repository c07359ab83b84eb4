import { MemberId } from '../members/model.js';
import {
  CasePriority,
  CaseTypeId,
  ContactEmail,
  ContactName,
  MessageBody,
  Subject,
  type CasePriority as Priority,
  type ImportRowError,
} from './model.js';

/**
 * The bulk import of cases: its CSV template, a parser (RFC 4180: quoted
 * fields, doubled quotes, line breaks inside quotes, CRLF, a BOM) and the
 * validation of every row. Pure: the service checks what needs the table
 * (the type exists, the member exists and is not staff).
 *
 * Row numbers are the file's as a spreadsheet shows them: the header is row
 * 1, the first case row 2.
 */

export const IMPORT_COLUMNS = [
  'subject',
  'message',
  'type',
  'priority',
  'member_id',
  'contact_name',
  'contact_email',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** At most this many case rows per file (a bigger batch is split by the agent). */
export const MAX_IMPORT_ROWS = 500;

/** The template to download: the header and one example row. */
export const IMPORT_TEMPLATE =
  `${IMPORT_COLUMNS.join(',')}\r\n` +
  '"Order not delivered","My order 1234 has not arrived yet.",general,high,,Jane Doe,jane@example.com\r\n';

/** A parsed file: its rows of fields, or where the quoting broke. */
export function parseCsv(text: string): { rows: string[][] } | { error: string; row: number } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { error: 'a quoted field is not closed', row: rows.length + 1 };
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (a trailing newline, an empty line in between) are not rows.
  return { rows: rows.filter((r) => !(r.length === 1 && r[0]!.trim() === '')) };
}

/** One valid row: what a case is made from. */
export interface ImportRow {
  row: number;
  subject: string;
  message: string;
  typeId: string | undefined;
  priority: Priority;
  memberId: string | undefined;
  contactName: string | undefined;
  contactEmail: string | undefined;
}

export interface CheckedFile {
  rows: number;
  valid: ImportRow[];
  errors: ImportRowError[];
}

const fileError = (message: string, row = 1, field = 'file'): CheckedFile => ({
  rows: 0,
  valid: [],
  errors: [{ row, field, message }],
});

/**
 * Parses and validates a file: every row is checked and every problem is
 * reported (row, column, message); a row with any problem is not valid.
 * Two rows with the same content are one case: the later one is an error.
 */
export function checkImportFile(text: string): CheckedFile {
  const parsed = parseCsv(text);
  if ('error' in parsed) return fileError(parsed.error, parsed.row);
  const [header, ...body] = parsed.rows;
  if (!header) return fileError('the file is empty');
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) return fileError(`the header lacks ${missing.join(', ')} (download the template)`);
  const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) return fileError(`the header has unknown columns: ${unknown.join(', ')}`);
  if (body.length === 0) return fileError('the file has no case rows', 2);
  if (body.length > MAX_IMPORT_ROWS) return fileError(`at most ${MAX_IMPORT_ROWS} rows per file`, 2);

  const errors: ImportRowError[] = [];
  const valid: ImportRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((fields, index) => {
    const row = index + 2;
    const rowErrors: ImportRowError[] = [];
    if (fields.length !== names.length) {
      rowErrors.push({ row, field: 'row', message: `has ${fields.length} fields, the header ${names.length}` });
    }
    const value = (column: ImportColumn) => (fields[names.indexOf(column)] ?? '').trim();
    const optional = (column: ImportColumn) => value(column) || undefined;
    const check = <T>(
      column: ImportColumn,
      schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: { message: string }[] } } },
      input: unknown,
    ): T | undefined => {
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      rowErrors.push({ row, field: column, message: result.error?.issues[0]?.message ?? 'is not valid' });
      return undefined;
    };
    const subject = check<string>('subject', Subject, value('subject'));
    const message = check<string>('message', MessageBody, value('message'));
    const typeId = optional('type') ? check<string>('type', CaseTypeId, value('type')) : undefined;
    const priority = optional('priority')
      ? check<Priority>('priority', CasePriority, value('priority').toLowerCase())
      : 'normal';
    const memberId = optional('member_id') ? check<string>('member_id', MemberId, value('member_id')) : undefined;
    const contactName = optional('contact_name')
      ? check<string>('contact_name', ContactName, value('contact_name'))
      : undefined;
    const contactEmail = optional('contact_email')
      ? check<string>('contact_email', ContactEmail, value('contact_email'))
      : undefined;
    if (!optional('member_id') && !optional('contact_email')) {
      rowErrors.push({ row, field: 'contact_email', message: 'is required when member_id is empty' });
    }
    const content = rowContent({ subject, message, typeId, priority, memberId, contactEmail });
    const first = seen.get(content);
    if (first !== undefined && rowErrors.length === 0) {
      rowErrors.push({ row, field: 'row', message: `is the same case as row ${first}` });
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    seen.set(content, row);
    valid.push({
      row,
      subject: subject!,
      message: message!,
      typeId,
      priority: priority!,
      memberId,
      contactName,
      contactEmail,
    });
  });
  return { rows: body.length, valid, errors };
}

/**
 * What makes two rows the same case, whatever file they come in: an import
 * makes one case per distinct content, so the same file (or a corrected copy
 * with the same good rows) imported again adds nothing twice.
 */
export const rowContent = (row: {
  subject?: string;
  message?: string;
  typeId?: string;
  priority?: string;
  memberId?: string;
  contactEmail?: string;
}) =>
  JSON.stringify([
    row.subject ?? '',
    row.message ?? '',
    row.typeId ?? '',
    row.priority ?? '',
    row.memberId ?? '',
    (row.contactEmail ?? '').toLowerCase(),
  ]);
