import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real i18n module holds Svelte state; the formatters only need its current locale.
const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'es' }));
vi.mock('../../src/lib/i18n/index.svelte', () => ({
  i18n: {
    get locale() {
      return locale.current;
    },
  },
  t: (key: string) => key,
}));

const { cellText, formatCount, formatDay, formatMoney, formatNumber, formatPercent, intlLocale } =
  await import('../../src/lib/format');

describe('format', () => {
  beforeEach(() => {
    locale.current = 'en';
  });

  it('follows the app language: Spanish formats as Mexico does', () => {
    expect(intlLocale()).toBe('en-US');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    locale.current = 'es';
    expect(intlLocale()).toBe('es-MX');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatPercent(0.125)).toMatch(/^12\.5\s?%$/);
  });

  it('formats money from the exact decimal of its minor units', () => {
    expect(formatMoney({ amount: 123456, currency: 'USD' })).toBe('$1,234.56');
    expect(formatMoney({ amount: -5, currency: 'USD' })).toBe('-$0.05');
    expect(formatMoney({ amount: 900719925474099, currency: 'USD' })).toBe('$9,007,199,254,740.99');
    locale.current = 'es';
    expect(formatMoney({ amount: 123456, currency: 'MXN' })).toBe('$1,234.56');
    expect(formatMoney({ amount: 123456, currency: 'USD' })).toMatch(/^USD\s1,234\.56$/);
  });

  it('shows a calendar date as that day in every time zone', () => {
    expect(formatDay('2026-03-01')).toBe('Mar 1, 2026');
    locale.current = 'es';
    expect(formatDay('2026-03-01')).toMatch(/^1 mar 2026$/);
  });

  it('gives a column its display text by type', () => {
    type Row = { n: number | null; m: { amount: number; currency: 'USD' } };
    const row: Row = { n: 2500, m: { amount: 99, currency: 'USD' } };
    expect(cellText<Row>({ key: 'n', label: 'N', type: 'number', value: (r) => r.n }, row)).toBe('2,500');
    expect(cellText<Row>({ key: 'n', label: 'N', type: 'number', value: () => null }, row)).toBe('');
    expect(cellText<Row>({ key: 'm', label: 'M', type: 'money', value: (r) => r.m }, row)).toBe('$0.99');
    expect(cellText<Row>({ key: 'x', label: 'X', value: () => 'x', text: () => 'shown' }, row)).toBe('shown');
  });
});
