import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../src/commissions/index.js';
import { compute, monthly, order, paid, partner, partnerOf, rankOf, weekly } from './builders.js';

// Three ranks, two unilevel levels at 1000 and 200 bp, one fast start level at 1000 bp,
// activePv 20, no leg caps (maxLegPct left out) and no leg rules (legs left out).
const plan: PlanDocument = {
  activePv: 20,
  unilevelRatesBp: [1000, 200],
  fastStartRatesBp: [1000],
  ranks: [
    { rank: 1, name: 'Member', pv: 0, gv: 0, activeEnrolled: 0, unilevelDepth: 0, advancementBonus: 0 },
    { rank: 2, name: 'Leader', pv: 20, gv: 100, activeEnrolled: 1, unilevelDepth: 1, advancementBonus: 500 },
    { rank: 5, name: 'Director', pv: 40, gv: 400, activeEnrolled: 2, unilevelDepth: 2, advancementBonus: 2000 },
  ],
};

describe('a custom plan (3 ranks numbered 1, 2, 5; 2 unilevel levels; no legs)', () => {
  // A <- B <- C <- D; B also enrolls B2.
  const members = [partner('A'), partner('B', 'A'), partner('B2', 'B'), partner('C', 'B'), partner('D', 'C')];
  const orders = [
    order('A', 20, 0), // A: PV 20, 1 active enrolled (B), GV 20 + 460 = 480 -> Leader (needs 2 enrolled for Director)
    order('B', 40, 0), // B: PV 40, enrolled B2 and C, GV 40 + 20 + 400 = 460 -> Director
    order('B2', 20, 0), // B2: PV 20, enrolled nobody -> Member
    order('C', 20, 0), // C: PV 20, enrolled D, GV 20 + 380 = 400 -> Leader
    order('D', 380, 10000), // D: PV 380, enrolled nobody -> Member
  ];

  it('settles ranks with the plan numbers', () => {
    const result = compute(monthly(members, orders, plan));
    expect(['A', 'B', 'B2', 'C', 'D'].map((id) => rankOf(result, id))).toEqual([2, 5, 1, 2, 1]);
    expect(partnerOf(result, 'B')).toMatchObject({ gv: 460, highestRank: 5 });
  });

  it('pays two unilevel levels at the plan rates and depths', () => {
    // D's cv 10000: C level 1 at 1000 bp = 1000 (Leader, depth 1: paid);
    // B level 2 at 200 bp = 200 (Director, depth 2: paid). A would be level 3: there is none.
    const result = compute(monthly(members, orders, plan));
    expect(paid(result, 'unilevel')).toEqual(['B L2 200', 'C L1 1000']);
    expect(result.breakage).toBe(0);
  });

  it('books a level as breakage when the upline rank is too shallow', () => {
    // C's order, cv 5000: B level 1 = 500 paid (Director); A level 2 = 5000 * 200 / 10000 = 100,
    // A is Leader (depth 1): breakage.
    const result = compute(monthly(members, [...orders.slice(0, 3), order('C', 20, 5000), orders[4]!], plan));
    expect(paid(result, 'unilevel')).toEqual(['B L1 500', 'B L2 200', 'C L1 1000']);
    expect(result.breakage).toBe(100);
  });

  it('pays a Member (unilevelDepth 0) no level at all', () => {
    // E (status inactive, so D enrolls no active partner) under D: D stays Member, depth 0.
    // E's cv 1000: D level 1 = 100 breakage; C level 2 = 20, C is Leader (depth 1): breakage.
    const withE = compute(
      monthly([...members, partner('E', 'D', { status: 'inactive' })], [...orders, order('E', 20, 1000)], plan),
    );
    expect(rankOf(withE, 'D')).toBe(1);
    expect(paid(withE, 'unilevel')).toEqual(['B L2 200', 'C L1 1000']);
    expect(withE.breakage).toBe(120);
  });

  it('pays the advancement bonus of each new rank, by rank number', () => {
    // B goes from 1 to 5: Leader 500 + Director 2000. A and C go to 2: 500 each.
    const result = compute(monthly(members, orders, plan));
    expect(paid(result, 'rankAdvancement')).toEqual(['A L0 500', 'B L0 2000', 'B L0 500', 'C L0 500']);
    expect(result.totals.rankAdvancement).toBe(3500);
  });

  it('pays one fast start level', () => {
    const result = compute(weekly(members, [order('D', 10, 3000, true)], plan));
    expect(paid(result)).toEqual(['C L1 300']);
  });
});

describe('a custom leg rule: 2 legs with rank >= 2', () => {
  // Rank 2 needs PV 10; rank 3 needs PV 10 and two legs whose best member is rank 2 or more.
  const legPlan: PlanDocument = {
    activePv: 0,
    unilevelRatesBp: [],
    fastStartRatesBp: [],
    ranks: [
      { rank: 1, name: 'One', pv: 0, gv: 0, activeEnrolled: 0, unilevelDepth: 0, advancementBonus: 0 },
      { rank: 2, name: 'Two', pv: 10, gv: 0, activeEnrolled: 0, unilevelDepth: 0, advancementBonus: 0 },
      {
        rank: 3,
        name: 'Three',
        pv: 10,
        gv: 0,
        activeEnrolled: 0,
        legs: { count: 2, minRank: 2 },
        unilevelDepth: 0,
        advancementBonus: 0,
      },
    ],
  };
  // P has legs A (PV 10: rank 2), B (PV 5: rank 1, but its child C has PV 10: rank 2) and D (rank 1).
  const members = [partner('P'), partner('A', 'P'), partner('B', 'P'), partner('C', 'B'), partner('D', 'P')];

  it('counts a leg by its best member, not by the leg root', () => {
    const orders = [order('P', 10, 0), order('A', 10, 0), order('B', 5, 0), order('C', 10, 0)];
    const result = compute(monthly(members, orders, legPlan));
    expect(['A', 'B', 'C', 'D'].map((id) => rankOf(result, id))).toEqual([2, 1, 2, 1]);
    expect(rankOf(result, 'P')).toBe(3);
  });

  it('fails with one qualifying leg', () => {
    const orders = [order('P', 10, 0), order('A', 10, 0), order('B', 5, 0), order('C', 9, 0)];
    expect(rankOf(compute(monthly(members, orders, legPlan)), 'P')).toBe(2);
  });
});
