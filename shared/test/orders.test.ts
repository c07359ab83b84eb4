import { describe, expect, it } from 'vitest';
import type { Product } from '../src/catalog/product.js';
import { addDays, nextRunDate } from '../src/orders/autoship-dates.js';
import { canMove } from '../src/orders/model.js';
import { priceLines, quoteTotals } from '../src/orders/pricing.js';
import { shippingCost, type ShippingRule } from '../src/orders/shipping.js';
import { findTaxRate, taxOn } from '../src/orders/tax.js';
import { monthlyPeriodOf, weekRange, weeklyPeriodOf } from '../src/periods.js';

const product = (sku: string, overrides: Partial<Product> = {}): Product => ({
  sku,
  name: { en: `${sku} en`, es: `${sku} es` },
  description: { en: '', es: '' },
  categories: [],
  qualities: [],
  images: [],
  markets: { US: { price: { amount: 2500, currency: 'USD' }, pv: 20, cv: 1800 } },
  active: true,
  autoshipEligible: true,
  weightGrams: 400,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...overrides,
});

const catalog = new Map([
  ['VIT-1', product('VIT-1')],
  ['OLD-1', product('OLD-1', { active: false })],
  ['MX-1', product('MX-1', { markets: { MX: { price: { amount: 40000, currency: 'MXN' }, pv: 20, cv: 30000 } } })],
  ['KIT-1', product('KIT-1', { autoshipEligible: false })],
]);

describe('pricing', () => {
  it('prices from the catalog and names every bad line', () => {
    const { lines, problems } = priceLines(
      [
        { sku: 'vit-1', quantity: 3 },
        { sku: 'NOPE', quantity: 1 },
        { sku: 'OLD-1', quantity: 1 },
        { sku: 'MX-1', quantity: 1 },
        { sku: 'VIT-1', quantity: 0 },
        { sku: 'KIT-1', quantity: 1 },
      ],
      catalog,
      'US',
      'es',
      { forAutoship: true },
    );
    expect(lines).toEqual([
      {
        sku: 'VIT-1',
        name: 'VIT-1 es',
        quantity: 3,
        unitPrice: 2500,
        unitPv: 20,
        unitCv: 1800,
        lineTotal: 7500,
        weightGrams: 1200,
      },
    ]);
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['body.items.1.sku', 'unknown_sku'],
      ['body.items.2.sku', 'inactive'],
      ['body.items.3.sku', 'not_in_market'],
      ['body.items.4.quantity', 'quantity'],
      ['body.items.5.sku', 'not_for_autoship'],
    ]);
  });

  it('adds shipping and tax, rounding tax half up in minor units', () => {
    const rule: ShippingRule = {
      market: 'US',
      flat: { amount: 599, currency: 'USD' },
      perKg: { amount: 100, currency: 'USD' },
      freeOver: { amount: 10000, currency: 'USD' },
    };
    const { lines } = priceLines([{ sku: 'VIT-1', quantity: 3 }], catalog, 'US', 'en');
    // subtotal 75.00, 1.2 kg -> 2 started kg: 5.99 + 2 x 1.00 = 7.99; tax 8.25 % of 75.00 = 6.1875 -> 6.19
    const quote = quoteTotals(lines, 'US', 'USD', rule, { rateBp: 825, taxShipping: false });
    expect(quote).toMatchObject({ subtotal: 7500, shipping: 799, tax: 619, total: 8918, pv: 60, cv: 5400 });
    expect(shippingCost(rule, 10000, 5000)).toBe(0);
    expect(taxOn(1, 5000)).toBe(1); // 0.5 -> 1
  });
});

describe('tax table', () => {
  const table = [
    { country: 'US', rateBp: 0, taxShipping: false },
    { country: 'US', region: 'TX', rateBp: 625, taxShipping: false },
    { country: 'US', region: 'TX', postalPrefix: '787', rateBp: 825, taxShipping: false },
    { country: 'MX', rateBp: 1600, taxShipping: true },
  ];
  it('uses the most specific row, and has nothing for an unknown country', () => {
    expect(findTaxRate(table, { country: 'US', region: 'TX', postalCode: '78701' })?.rateBp).toBe(825);
    expect(findTaxRate(table, { country: 'US', region: 'tx', postalCode: '75001' })?.rateBp).toBe(625);
    expect(findTaxRate(table, { country: 'US', region: 'NY', postalCode: '10001' })?.rateBp).toBe(0);
    expect(findTaxRate(table, { country: 'CO', region: 'ANT', postalCode: '050001' })).toBeNull();
  });
});

describe('order lifecycle', () => {
  it('allows only the transitions of the lifecycle', () => {
    expect(canMove('open', 'paid')).toBe(true);
    expect(canMove('paid', 'shipped')).toBe(true);
    expect(canMove('shipped', 'open')).toBe(false);
    expect(canMove('canceled', 'paid')).toBe(false);
    expect(canMove('delivered', 'refunded')).toBe(true);
  });
});

describe('periods and run dates', () => {
  it('assigns the company month and ISO week of a payment', () => {
    const lateSunday = new Date('2026-11-30T04:30:00Z'); // Sunday Nov 29, 22:30 in Chicago
    expect(monthlyPeriodOf(lateSunday, 'America/Chicago')).toBe('2026-11');
    expect(weeklyPeriodOf(lateSunday, 'America/Chicago')).toBe('2026-W48');
    expect(weeklyPeriodOf(new Date('2026-11-30T12:00:00Z'), 'America/Chicago')).toBe('2026-W49');
    expect(weeklyPeriodOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(weekRange('2026-W49', 'America/Chicago')).toEqual({
      start: new Date('2026-11-30T06:00:00Z'),
      end: new Date('2026-12-07T06:00:00Z'),
    });
  });

  it('finds the next run date of an autoship', () => {
    expect(nextRunDate(15, '2026-11-10')).toBe('2026-11-15');
    expect(nextRunDate(15, '2026-11-15')).toBe('2026-12-15');
    expect(nextRunDate(1, '2026-12-20')).toBe('2027-01-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
