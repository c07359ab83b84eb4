import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Money } from '@arbor/shared/money';
import {
  csvField,
  exportDateText,
  exportFileName,
  guardFormula,
  sheetNameFor,
  toCsv,
  toXlsx,
  XLSX_MIME,
} from '../../src/lib/export';
import type { Column } from '../../src/lib/table';

interface Sale {
  id: string;
  name: string;
  note: string | null;
  units: number | null;
  total: Money | null;
  day: string;
  at: string;
  status: 'paid' | 'refunded';
}

const columns: Column<Sale>[] = [
  { key: 'id', label: 'ID', value: (r) => r.id },
  { key: 'name', label: 'Name', value: (r) => r.name },
  { key: 'note', label: 'Note', value: (r) => r.note },
  { key: 'units', label: 'Units', type: 'number', value: (r) => r.units },
  { key: 'total', label: 'Total', type: 'money', value: (r) => r.total },
  { key: 'day', label: 'Day', type: 'date', value: (r) => r.day },
  { key: 'at', label: 'At', type: 'datetime', value: (r) => r.at },
  {
    key: 'status',
    label: 'Status',
    value: (r) => r.status,
    text: (r) => (r.status === 'paid' ? 'Pagado' : 'Reembolsado'),
  },
  { key: 'actions', label: 'Actions', value: () => 'edit', exportable: false },
];

const sale = (overrides: Partial<Sale> = {}): Sale => ({
  id: '1001',
  name: 'José Muñoz',
  note: null,
  units: 3,
  total: { amount: 123456, currency: 'USD' },
  day: '2026-03-01',
  at: '2026-03-01T15:04:05.000Z',
  status: 'paid',
  ...overrides,
});

/** The CSV without its BOM, split into records (the test data has no line breaks inside quotes). */
const records = (csv: string) => csv.slice(1).split('\r\n');

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, ends records with CRLF, and follows each money column with its currency', () => {
    const csv = toCsv(columns, [sale()]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1)).not.toMatch(/[^\r]\n/);
    const [header, row, end] = records(csv);
    expect(header).toBe('ID,Name,Note,Units,Total,Total (currency),Day,At,Status');
    expect(row).toBe(`1001,José Muñoz,,3,1234.56,USD,2026-03-01,${exportDateText(sale().at, true)},Pagado`);
    expect(end).toBe('');
  });

  it('quotes fields holding commas, quotes and line breaks, doubling inner quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvField('the "best"')).toBe('"the ""best"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    const csv = toCsv(columns, [sale({ name: 'Ann "Nan", Jr.', note: 'two\r\nlines' })]);
    expect(csv).toContain('1001,"Ann ""Nan"", Jr.","two\r\nlines",3,');
  });

  it('uses the translated header for the currency column and exports text columns as shown', () => {
    const csv = toCsv(columns, [sale({ status: 'refunded' })], {
      currencyHeader: (label) => `${label} (moneda)`,
      textOf: (column, row) => (column.key === 'name' ? row.name.toUpperCase() : (column.text?.(row) ?? '')),
    });
    const [header, row] = records(csv);
    expect(header).toContain('Total,Total (moneda),');
    expect(row).toMatch(/^,JOSÉ MUÑOZ,/);
    expect(row).toMatch(/Reembolsado$/);
  });

  it('guards text that a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '-', '=']) {
      expect(guardFormula(attack)).toBe(`'${attack}`);
    }
    const csv = toCsv(columns, [sale({ name: '=cmd|"/c calc"!A1', note: '@evil' })]);
    expect(records(csv)[1]).toContain(`1001,"'=cmd|""/c calc""!A1",'@evil,`);
  });

  it('lets plain numbers through, negative or signed, in text and number columns', () => {
    for (const number of ['-12.50', '+7', '-0.5', '.5', '42']) expect(guardFormula(number)).toBe(number);
    expect(guardFormula('Ann')).toBe('Ann');
    expect(guardFormula('a=b')).toBe('a=b');
    const csv = toCsv(columns, [sale({ name: '-12.50', units: -4, total: { amount: -1250, currency: 'MXN' } })]);
    expect(records(csv)[1]).toMatch(/^1001,-12\.50,,-4,-12\.50,MXN,/);
  });

  it('leaves empty values empty and exports money exactly from minor units', () => {
    const csv = toCsv(columns, [
      sale({ units: null, total: null }),
      sale({ total: { amount: 5, currency: 'USD' } }),
      sale({ total: { amount: 900719925474099, currency: 'USD' } }),
    ]);
    const [, empty, cents, huge] = records(csv);
    expect(empty).toMatch(/^1001,José Muñoz,,,,,2026-03-01,/);
    expect(cents).toContain(',0.05,USD,');
    expect(huge).toContain(',9007199254740.99,USD,');
  });

  it('writes calendar dates unchanged and instants as local wall-clock time', () => {
    expect(exportDateText('2026-12-31', false)).toBe('2026-12-31');
    const instant = new Date(2026, 2, 1, 9, 5, 7);
    expect(exportDateText(instant.toISOString(), true)).toBe('2026-03-01 09:05:07');
    expect(exportDateText(instant.toISOString(), false)).toBe('2026-03-01');
    expect(exportDateText('not a date', true)).toBe('not a date');
  });
});

/** The files of a zip archive, read from its central directory (stored or deflated entries). */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = view.getUint16(offset + 10, true);
    const size = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + size);
    files.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(raw) : raw));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe('toXlsx', () => {
  it('produces an .xlsx Blob whose sheet holds numbers as numbers, dates as dates and text as strings', async () => {
    const rows = [
      sale(),
      sale({ id: '1002', name: '=1+1', units: 7, total: { amount: -1250, currency: 'MXN' }, status: 'refunded' }),
    ];
    const blob = await toXlsx(columns, rows, 'Ventas: marzo/2026');
    expect(blob.type).toBe(XLSX_MIME);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const files = unzip(bytes);
    const workbook = files.get('xl/workbook.xml') ?? '';
    expect(workbook).toContain('name="Ventas  marzo 2026"');
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    const strings = files.get('xl/sharedStrings.xml') ?? '';

    // Header, names and the translated status are strings; the formula-looking name stays text.
    for (const text of ['ID', 'Total', 'José Muñoz', '=1+1', 'Pagado', 'Reembolsado']) expect(strings).toContain(text);
    expect(strings).not.toContain('Actions');
    expect(sheet).not.toContain('<f>');
    // Numbers and money are numeric cells: 3, 1234.56 and -12.5.
    expect(sheet).toMatch(/<c r="D2"[^>]*><v>3<\/v>/);
    expect(sheet).toMatch(/<c r="E2"[^>]*><v>1234\.56<\/v>/);
    expect(sheet).toMatch(/<c r="E3"[^>]*><v>-12\.5<\/v>/);
    expect(sheet).not.toMatch(/<c r="E2"[^>]*t="s"/);
    // 2026-03-01 is Excel serial 46082, a numeric cell with a date format.
    expect(sheet).toMatch(/<c r="F2"[^>]*><v>46082<\/v>/);
    const styles = files.get('xl/styles.xml') ?? '';
    expect(styles).toContain('yyyy-mm-dd');
    expect(styles).toContain('#,##0.00 &quot;USD&quot;');
    // The header row stays in view.
    expect(sheet).toContain('state="frozen"');
  });

  it('writes an empty sheet with just the header', async () => {
    const blob = await toXlsx(columns, [], '');
    const files = unzip(new Uint8Array(await blob.arrayBuffer()));
    expect(files.get('xl/workbook.xml')).toContain('name="Sheet1"');
    expect(files.get('xl/sharedStrings.xml')).toContain('Status');
  });
});

describe('names', () => {
  it('makes sheet names Excel accepts', () => {
    expect(sheetNameFor('a'.repeat(40))).toHaveLength(31);
    expect(sheetNameFor('Q1 [draft]?')).toBe('Q1  draft');
  });

  it('makes file names without accents or punctuation, dated today', () => {
    expect(exportFileName('Equipo de José: nivel 1', 'csv', new Date(2026, 0, 5))).toBe(
      'equipo-de-jose-nivel-1-2026-01-05.csv',
    );
    expect(exportFileName('¿?', 'xlsx', new Date(2026, 11, 31))).toBe('export-2026-12-31.xlsx');
  });
});
