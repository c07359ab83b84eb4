import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, type PlanDocument } from '../../src/commissions/index.js';
import { compute, linesOf, monthly, order, partner, partnerOf } from './builders.js';

// A custom plan where PV alone decides the rank, so ranks are easy to reach in a test:
// rank r needs PV 100 * (r - 1); bonuses 0, 1000, 0, 3000 (rank 3 pays nothing).
const plan: PlanDocument = {
  ...DEFAULT_PLAN,
  ranks: [1, 2, 3, 4].map((rank) => ({
    rank,
    name: `R${rank}`,
    pv: 100 * (rank - 1),
    gv: 0,
    maxLegPct: null,
    activeEnrolled: 0,
    legs: null,
    unilevelDepth: 1,
    advancementBonus: [0, 1000, 0, 3000][rank - 1]!,
  })),
};

describe('rank advancement (monthly, one-time)', () => {
  it('pays one line per rank passed above the previous highest rank, skipping zero bonuses', () => {
    // Highest before 1, paid 4: ranks 2, 3, 4 are new; rank 3's bonus is 0, so two lines.
    const result = compute(monthly([partner('P')], [order('P', 300, 0)], plan));
    expect(partnerOf(result, 'P')).toMatchObject({ paidRank: 4, highestRank: 4 });
    expect(linesOf(result)).toEqual([rankLine('P', 2, 1000), rankLine('P', 4, 3000)]);
    expect(result.totals.rankAdvancement).toBe(4000);
  });

  it('pays only ranks above the highest rank held before', () => {
    // Highest before 2, paid 4: only rank 4 (rank 3 pays 0).
    const result = compute(monthly([partner('P', null, { highestRank: 2 })], [order('P', 300, 0)], plan));
    expect(linesOf(result)).toEqual([rankLine('P', 4, 3000)]);
  });

  it('pays nothing when the paid rank does not exceed the highest rank before', () => {
    const result = compute(monthly([partner('P', null, { highestRank: 4 })], [order('P', 300, 0)], plan));
    expect(result.lines.length).toBe(0);
    expect(partnerOf(result, 'P').highestRank).toBe(4);
  });

  it('pays nothing to a partner whose status is not active', () => {
    const members = [partner('I', null, { status: 'inactive' }), partner('C', null, { status: 'canceled' })];
    const result = compute(monthly(members, [order('I', 300, 0), order('C', 300, 0)], plan));
    expect(result.lines.length).toBe(0);
    expect(result.breakage).toBe(0);
  });
});

function rankLine(id: string, rank: number, amount: number) {
  return {
    recipientId: id,
    bonus: 'rankAdvancement',
    amount,
    sourceOrderId: null,
    sourcePartnerId: id,
    level: 0,
    rateBp: 0,
    cv: null,
    rank,
    compressedIds: [],
  };
}
