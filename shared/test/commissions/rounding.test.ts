import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, MAX_ORDER_CV, roundedShare, type PlanDocument } from '../../src/commissions/index.js';
import { compute, monthly, order, paid, partner } from './builders.js';

describe('amount rounding: floor((cv * rateBp + 5000) / 10000)', () => {
  it('rounds half up', () => {
    expect(roundedShare(10, 500)).toBe(1); // 0.5 -> 1
    expect(roundedShare(9, 500)).toBe(0); // 0.45 -> 0
    expect(roundedShare(8000, 500)).toBe(400); // exactly 400
    expect(roundedShare(8010, 500)).toBe(401); // 400.5 -> 401
    expect(roundedShare(8009, 500)).toBe(400); // 400.45 -> 400
    expect(roundedShare(12345, 300)).toBe(370); // 370.35 -> 370
    expect(roundedShare(0, 2000)).toBe(0);
    expect(roundedShare(12345, 0)).toBe(0);
  });

  it('stays exact at the largest cv an order may carry', () => {
    // MAX_ORDER_CV * 10000 + 5000 < 2^53; check against BigInt arithmetic.
    for (const rate of [1, 3, 300, 4999, 5000, 9999, 10000]) {
      const expected = (BigInt(MAX_ORDER_CV) * BigInt(rate) + 5000n) / 10000n;
      expect(BigInt(roundedShare(MAX_ORDER_CV, rate))).toBe(expected);
    }
    expect(MAX_ORDER_CV * 10000 + 5000).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });

  it('rounds each line on its own', () => {
    // Rank 1 paid 2 levels at 500 and 300 bp. cv 10: level 1 0.5 -> 1, level 2 0.3 -> 0 (not written).
    const plan: PlanDocument = {
      ...DEFAULT_PLAN,
      unilevelRatesBp: [500, 300],
      ranks: [{ ...DEFAULT_PLAN.ranks[0]!, unilevelDepth: 2 }],
    };
    const members = [partner('A'), partner('B', 'A'), partner('C', 'B')];
    const result = compute(monthly(members, [order('A', 50, 0), order('B', 50, 0), order('C', 50, 10)], plan));
    expect(paid(result)).toEqual(['B L1 1']);
    expect(result.breakage).toBe(0);
  });
});
