import { describe, expect, it } from 'vitest';
import { checkImportFile, IMPORT_TEMPLATE, parseCsv } from '../src/cases/csv.js';
import { DEFAULT_CASE_TYPE, slaDeadline, slaStateOf } from '../src/cases/model.js';

const HOUR = 3_600_000;

describe('SLA', () => {
  it('the deadline is the creation plus the type’s hours for the priority', () => {
    const created = '2026-01-01T00:00:00.000Z';
    expect(slaDeadline(created, DEFAULT_CASE_TYPE, 'urgent')).toBe('2026-01-01T04:00:00.000Z');
    expect(slaDeadline(created, DEFAULT_CASE_TYPE, 'normal')).toBe('2026-01-03T00:00:00.000Z');
  });

  it('active cases are on track, about to expire (4 h) or expired; resolved and closed are done', () => {
    const now = new Date('2026-01-01T12:00:00.000Z');
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
    expect(slaStateOf({ status: 'open', deadline: at(5) }, now)).toBe('on_track');
    expect(slaStateOf({ status: 'in_progress', deadline: at(4) }, now)).toBe('about_to_expire');
    expect(slaStateOf({ status: 'waiting_on_member', deadline: at(0) }, now)).toBe('expired');
    expect(slaStateOf({ status: 'resolved', deadline: at(-10) }, now)).toBe('done');
    expect(slaStateOf({ status: 'closed', deadline: at(-10) }, now)).toBe('done');
  });
});

describe('CSV', () => {
  it('parses quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines', () => {
    const parsed = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,\n');
    expect(parsed).toEqual({
      rows: [
        ['a', 'b'],
        ['x, y', 'say "hi"\nthere'],
        ['last', ''],
      ],
    });
    expect(parseCsv('a\n"open')).toEqual({ error: 'a quoted field is not closed', row: 2 });
  });

  it('the template is a valid file of one row', () => {
    const checked = checkImportFile(IMPORT_TEMPLATE);
    expect(checked.errors).toEqual([]);
    expect(checked.valid).toHaveLength(1);
    expect(checked.valid[0]).toMatchObject({ row: 2, priority: 'high', typeId: 'general' });
  });

  it('reports every problem by row (header is row 1) and column, and keeps no row with a problem', () => {
    const file = [
      'subject,message,type,priority,member_id,contact_name,contact_email',
      'ok,fine,,,,,a@example.com',
      ',no subject,,low,,,a@example.com',
      'bad,fields,Bad Type,asap,12x,,not-an-email',
      'short,row',
      'ok,fine,,,,,A@example.com',
    ].join('\n');
    const checked = checkImportFile(file);
    expect(checked.rows).toBe(5);
    expect(checked.valid.map((row) => row.row)).toEqual([2]);
    expect(checked.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'subject'],
      [4, 'type'],
      [4, 'priority'],
      [4, 'member_id'],
      [4, 'contact_email'],
      [5, 'row'],
      [5, 'contact_email'],
      [6, 'row'],
    ]);
  });

  it('refuses a file without the template’s header, or with no rows', () => {
    expect(checkImportFile('subject,message\nx,y').errors[0]).toMatchObject({ row: 1, field: 'file' });
    expect(
      checkImportFile('subject,message,type,priority,member_id,contact_name,contact_email,extra\n').errors[0],
    ).toMatchObject({
      field: 'file',
    });
    expect(
      checkImportFile('subject,message,type,priority,member_id,contact_name,contact_email\n').errors[0],
    ).toMatchObject({
      row: 2,
      field: 'file',
    });
  });
});
