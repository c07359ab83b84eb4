import { describe, expect, it } from 'vitest';
import {
  bonusesPaidIn,
  DEFAULT_BONUS_PERIODS,
  DEFAULT_PLAN,
  PlanSchema,
  type PlanDocument,
} from '../../src/commissions/index.js';
import { compute, linesOf, monthly, order, paid, partner, rankOf, weekly } from './builders.js';

// Two ranks: Leader (PV 20, GV 40, one active enrollee) is paid two unilevel levels and 5.00 once.
const base: PlanDocument = {
  activePv: 20,
  unilevelRatesBp: [1000, 200],
  fastStartRatesBp: [1000, 500],
  ranks: [
    { rank: 1, name: 'Member', pv: 0, gv: 0, activeEnrolled: 0, unilevelDepth: 1, advancementBonus: 0 },
    { rank: 2, name: 'Leader', pv: 20, gv: 40, activeEnrolled: 1, unilevelDepth: 2, advancementBonus: 500 },
  ],
};
const swapped: PlanDocument = { ...base, bonusPeriods: { unilevel: 'weekly', fastStart: 'monthly' } };

// A <- B <- C <- D, enrolled and placed the same way. A, B and C reach Leader; D stays Member.
const members = [partner('A'), partner('B', 'A'), partner('C', 'B'), partner('D', 'C')];
const orders = [
  order('A', 20, 0),
  order('B', 20, 0),
  // Unilevel: B level 1 = 10 % of 5000 = 500; A level 2 = 2 % = 100.
  order('C', 20, 5000),
  // D's first order. Fast start: C level 1 = 10 % of 8000 = 800; B level 2 = 5 % = 400.
  order('D', 20, 8000, true),
];
const UNILEVEL = ['A L2 100', 'B L1 500'];
const FAST_START = ['B L2 400', 'C L1 800'];
const ADVANCEMENT = ['A L0 500', 'B L0 500', 'C L0 500'];

describe('which kind of period pays which bonus (plan.bonusPeriods)', () => {
  it('defaults to unilevel and rank advancement monthly, fast start weekly', () => {
    const month = compute(monthly(members, orders, base));
    expect(paid(month, 'unilevel')).toEqual(UNILEVEL);
    expect(paid(month, 'rankAdvancement')).toEqual(ADVANCEMENT);
    expect(paid(month, 'fastStart')).toEqual([]);
    const week = compute(weekly(members, orders, base));
    expect(paid(week)).toEqual(FAST_START);
    expect(week.partners.length).toBe(0);
  });

  it('pays fast start monthly and unilevel weekly when the plan says so', () => {
    const month = compute(monthly(members, orders, swapped));
    expect(paid(month, 'fastStart')).toEqual(FAST_START);
    expect(paid(month, 'rankAdvancement')).toEqual(ADVANCEMENT);
    expect(paid(month, 'unilevel')).toEqual([]);
    expect(month.totals).toEqual({ unilevel: 0, fastStart: 1200, rankAdvancement: 1500 });

    // The week settles volumes and ranks itself to pay unilevel; rank advancement stays monthly.
    const week = compute(weekly(members, orders, swapped));
    expect(paid(week)).toEqual(UNILEVEL);
    expect(week.totals).toEqual({ unilevel: 600, fastStart: 0, rankAdvancement: 0 });
    expect(['A', 'B', 'C', 'D'].map((id) => rankOf(week, id))).toEqual([2, 2, 2, 1]);
  });

  it('pays every bonus of the period in one run, in BONUSES order', () => {
    const all = compute(monthly(members, orders, { ...base, bonusPeriods: { fastStart: 'monthly' } }));
    expect([...new Set(linesOf(all).map((line) => line.bonus))]).toEqual(['unilevel', 'fastStart', 'rankAdvancement']);
    expect(compute(weekly(members, orders, { ...base, bonusPeriods: { fastStart: 'monthly' } })).lines.length).toBe(0);
  });

  it('fills in what a document leaves out, and refuses what is not a bonus or a period kind', () => {
    expect(PlanSchema.parse(base).bonusPeriods).toEqual(DEFAULT_BONUS_PERIODS);
    expect(PlanSchema.parse({ ...base, bonusPeriods: { fastStart: 'monthly' } }).bonusPeriods).toEqual({
      unilevel: 'monthly',
      fastStart: 'monthly',
      rankAdvancement: 'monthly',
    });
    expect(PlanSchema.safeParse({ ...base, bonusPeriods: { reversal: 'monthly' } }).success).toBe(false);
    expect(PlanSchema.safeParse({ ...base, bonusPeriods: { unilevel: 'daily' } }).success).toBe(false);
    expect(bonusesPaidIn(DEFAULT_PLAN, 'monthly')).toEqual(['unilevel', 'rankAdvancement']);
    expect(bonusesPaidIn(DEFAULT_PLAN, 'weekly')).toEqual(['fastStart']);
  });
});
