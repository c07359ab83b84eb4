import { describe, expect, it } from 'vitest';
import { addMoney, applyBasisPoints, formatMoney, money } from '../src/money.js';

describe('money', () => {
  it('is integer minor units and refuses floats', () => {
    expect(money(1999, 'USD')).toEqual({ amount: 1999, currency: 'USD' });
    expect(() => money(19.99, 'USD')).toThrow(/integer/);
  });

  it('adds only the same currency', () => {
    expect(addMoney(money(150, 'MXN'), money(50, 'MXN'))).toEqual(money(200, 'MXN'));
    expect(() => addMoney(money(1, 'USD'), money(1, 'MXN'))).toThrow(/USD to MXN/);
  });

  it('applies basis points rounding half up', () => {
    expect(applyBasisPoints(10, 500)).toBe(1); // 0.5 -> 1
    expect(applyBasisPoints(9, 500)).toBe(0); // 0.45 -> 0
    expect(applyBasisPoints(8000, 500)).toBe(400);
  });

  it('formats exactly, including negatives', () => {
    expect(formatMoney(money(123456, 'USD'))).toBe('$1,234.56');
    expect(formatMoney(money(-5, 'USD'))).toBe('-$0.05');
    expect(formatMoney(money(100000, 'MXN'), 'es-MX')).toBe('$1,000.00');
  });
});
