import { describe, expect, it } from 'vitest';
import type { Money } from '@arbor/shared/money';
import {
  defaultText,
  filterRows,
  memoizeText,
  moneyDecimal,
  nextSort,
  normalizeText,
  paginate,
  selectOptions,
  sortRows,
  type Column,
} from '../../src/lib/table';

interface Member {
  id: number;
  name: string;
  rank: string;
  level: number;
  volume: number | null;
  earned: Money;
  joined: string;
  status: 'active' | 'inactive';
}

const rankLevel: Record<string, number> = { Bronze: 1, Silver: 2, Gold: 3 };

const columns: Column<Member>[] = [
  { key: 'name', label: 'Name', value: (m) => m.name },
  { key: 'rank', label: 'Rank', value: (m) => m.rank, sortValue: (m) => rankLevel[m.rank] ?? 0, filter: true },
  { key: 'volume', label: 'Volume', type: 'number', value: (m) => m.volume },
  { key: 'earned', label: 'Earned', type: 'money', value: (m) => m.earned },
  { key: 'joined', label: 'Joined', type: 'date', value: (m) => m.joined },
  {
    key: 'status',
    label: 'Status',
    value: (m) => m.status,
    text: (m) => (m.status === 'active' ? 'Activo' : 'Inactivo'),
    filter: [
      { value: 'active', label: 'Activo' },
      { value: 'inactive', label: 'Inactivo' },
    ],
  },
  { key: 'level', label: 'Level', type: 'number', value: (m) => m.level, searchable: false },
];

const usd = (amount: number): Money => ({ amount, currency: 'USD' });

const members: Member[] = [
  {
    id: 1,
    name: 'Zoë Álvarez',
    rank: 'Gold',
    level: 1,
    volume: 1200,
    earned: usd(50_000),
    joined: '2025-01-10',
    status: 'active',
  },
  {
    id: 2,
    name: 'ana Beltrán',
    rank: 'Silver',
    level: 2,
    volume: null,
    earned: usd(-500),
    joined: '2024-12-31',
    status: 'inactive',
  },
  {
    id: 3,
    name: 'Óscar Núñez',
    rank: 'Bronze',
    level: 2,
    volume: 90,
    earned: usd(1999),
    joined: '2025-06-01',
    status: 'active',
  },
  {
    id: 4,
    name: 'Item 10',
    rank: 'Silver',
    level: 3,
    volume: 1200,
    earned: usd(0),
    joined: '2023-03-03',
    status: 'active',
  },
  {
    id: 5,
    name: 'Item 9',
    rank: 'Gold',
    level: 3,
    volume: 5,
    earned: usd(7),
    joined: '2026-02-02',
    status: 'inactive',
  },
];

const column = (key: string) => columns.find((c) => c.key === key)!;
const ids = (rows: Member[]) => rows.map((m) => m.id);
const text = defaultText<Member>;

describe('sortRows', () => {
  it('sorts numbers numerically, keeping ties in their order and empty values last both ways', () => {
    expect(ids(sortRows(members, column('volume'), 'asc', 'en-US'))).toEqual([5, 3, 1, 4, 2]);
    expect(ids(sortRows(members, column('volume'), 'desc', 'en-US'))).toEqual([1, 4, 3, 5, 2]);
  });

  it('sorts money by amount and dates by time', () => {
    expect(ids(sortRows(members, column('earned'), 'asc', 'en-US'))).toEqual([2, 4, 5, 3, 1]);
    expect(ids(sortRows(members, column('joined'), 'desc', 'en-US'))).toEqual([5, 3, 1, 2, 4]);
  });

  it('sorts text by the locale: case and accents ignored, numbers in text in natural order', () => {
    expect(ids(sortRows(members, column('name'), 'asc', 'es-MX'))).toEqual([2, 5, 4, 3, 1]);
  });

  it('uses sortValue over the text, and the display text for text columns', () => {
    expect(ids(sortRows(members, column('rank'), 'desc', 'en-US'))).toEqual([1, 5, 2, 4, 3]);
    const byStatus = sortRows(members, column('status'), 'asc', 'es-MX', text);
    expect(byStatus.map((m) => m.status)).toEqual(['active', 'active', 'active', 'inactive', 'inactive']);
  });

  it('is stable on equal keys in both directions and does not touch the input', () => {
    const copy = [...members];
    expect(ids(sortRows(members, column('level'), 'asc', 'en-US'))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(sortRows(members, column('level'), 'desc', 'en-US'))).toEqual([4, 5, 2, 3, 1]);
    expect(members).toEqual(copy);
  });
});

describe('filterRows', () => {
  const none = { query: '', selects: {} };

  it('returns every row without a filter', () => {
    expect(ids(filterRows(members, columns, none))).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches every word in any searchable column, ignoring case and accents', () => {
    expect(ids(filterRows(members, columns, { query: 'oscar', selects: {} }))).toEqual([3]);
    expect(ids(filterRows(members, columns, { query: 'ZOE gold', selects: {} }))).toEqual([1]);
    expect(ids(filterRows(members, columns, { query: 'item inactivo', selects: {} }, text))).toEqual([5]);
    expect(ids(filterRows(members, columns, { query: 'nobody', selects: {} }))).toEqual([]);
  });

  it('finds numbers as shown and as typed, but not in columns left out of search', () => {
    const shown = (c: Column<Member>, m: Member) =>
      c.type === 'number' && typeof c.value(m) === 'number'
        ? (c.value(m) as number).toLocaleString('en-US')
        : text(c, m);
    expect(ids(filterRows(members, columns, { query: '1,200', selects: {} }, shown))).toEqual([1, 4]);
    expect(ids(filterRows(members, columns, { query: '1200', selects: {} }, shown))).toEqual([1, 4]);
    expect(ids(filterRows(members, columns, { query: '19.99', selects: {} }))).toEqual([3]);
    expect(ids(filterRows(members, [column('level')], { query: '3', selects: {} }))).toEqual([]);
  });

  it('applies select filters on the raw value, together with the search', () => {
    expect(ids(filterRows(members, columns, { query: '', selects: { status: 'inactive' } }))).toEqual([2, 5]);
    expect(ids(filterRows(members, columns, { query: '', selects: { status: 'active', rank: 'Gold' } }))).toEqual([1]);
    expect(ids(filterRows(members, columns, { query: 'item', selects: { rank: 'Gold', status: '' } }))).toEqual([5]);
    expect(ids(filterRows(members, columns, { query: '', selects: { unknown: 'x' } }))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('selectOptions', () => {
  it('lists distinct values sorted by their label, or the options given', () => {
    expect(selectOptions(members, column('rank'), 'en-US')).toEqual([
      { value: 'Bronze', label: 'Bronze' },
      { value: 'Gold', label: 'Gold' },
      { value: 'Silver', label: 'Silver' },
    ]);
    expect(selectOptions(members, column('status'), 'en-US').map((o) => o.value)).toEqual(['active', 'inactive']);
  });
});

describe('paginate', () => {
  const rows = Array.from({ length: 53 }, (_, i) => i + 1);

  it('slices pages and reports the range shown', () => {
    expect(paginate(rows, 0, 25)).toMatchObject({ page: 0, pageCount: 3, total: 53, from: 1, to: 25 });
    const last = paginate(rows, 2, 25);
    expect(last.rows).toEqual([51, 52, 53]);
    expect(last).toMatchObject({ from: 51, to: 53 });
  });

  it('clamps a page out of range, e.g. after a filter shrinks the rows', () => {
    expect(paginate(rows, 9, 25).page).toBe(2);
    expect(paginate(rows, -1, 25).page).toBe(0);
    expect(paginate([], 3, 25)).toMatchObject({ rows: [], page: 0, pageCount: 1, total: 0, from: 0, to: 0 });
  });
});

describe('helpers', () => {
  it('cycles a header through ascending, descending and unsorted', () => {
    const asc = nextSort(null, 'name');
    expect(asc).toEqual({ key: 'name', direction: 'asc' });
    const desc = nextSort(asc, 'name');
    expect(desc).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort(desc, 'name')).toBeNull();
    expect(nextSort(desc, 'volume', 'desc')).toEqual({ key: 'volume', direction: 'desc' });
  });

  it('writes money as an exact decimal from minor units', () => {
    expect(moneyDecimal(usd(123456))).toBe('1234.56');
    expect(moneyDecimal(usd(-5))).toBe('-0.05');
    expect(moneyDecimal(usd(0))).toBe('0.00');
    expect(moneyDecimal(usd(Number.MAX_SAFE_INTEGER))).toBe('90071992547409.91');
  });

  it('normalizes text for search', () => {
    expect(normalizeText('José MUÑOZ Ñandú')).toBe('jose munoz nandu');
  });

  it('memoizes display text per row and column', () => {
    let calls = 0;
    const cached = memoizeText<Member>((c, m) => {
      calls++;
      return text(c, m);
    });
    const [first] = members;
    cached(column('name'), first!);
    cached(column('name'), first!);
    cached(column('rank'), first!);
    expect(calls).toBe(2);
  });
});
