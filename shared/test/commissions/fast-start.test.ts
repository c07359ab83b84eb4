import { describe, expect, it } from 'vitest';
import { compute, customer, linesOf, monthly, order, paid, partner, weekly } from './builders.js';

// Enroller chain T <- S <- B (T is a root), placed the same way. Fast start rates 2000 and 500 bp.
const team = [partner('U'), partner('T', 'U'), partner('S', 'T'), partner('B', 'S')];

describe('fast start (weekly, enroller tree, no compression)', () => {
  it("pays the buyer's sponsor 20 % and the sponsor's sponsor 5 %, two levels only", () => {
    // cv 10000: S level 1 = 2000, T level 2 = 500; U would be level 3 and there is none.
    const first = order('B', 100, 10000, true);
    const result = compute(weekly(team, [first]));
    expect(paid(result)).toEqual(['S L1 2000', 'T L2 500']);
    expect(linesOf(result)[0]).toEqual({
      recipientId: 'S',
      bonus: 'fastStart',
      amount: 2000,
      sourceOrderId: first.id,
      sourcePartnerId: 'B',
      level: 1,
      rateBp: 2000,
      cv: 10000,
      rank: null,
      compressedIds: [],
    });
    expect(result.totals).toEqual({ unilevel: 0, fastStart: 2500, rankAdvancement: 0 });
    expect(result.breakage).toBe(0);
  });

  it('stops at a root: the missing level is not breakage', () => {
    // T's sponsor U is a root: U level 1 = 2000, nothing above.
    const result = compute(weekly(team, [order('T', 100, 10000, true)]));
    expect(paid(result)).toEqual(['U L1 2000']);
    expect(result.breakage).toBe(0);
    expect(compute(weekly(team, [order('U', 100, 10000, true)])).lines.length).toBe(0);
  });

  it('books the amount of a canceled recipient as breakage and still climbs past it', () => {
    const members = team.map((m) => (m.id === 'S' ? { ...m, status: 'canceled' as const } : m));
    const result = compute(weekly(members, [order('B', 100, 10000, true)]));
    // S canceled: 2000 breakage; T level 2 = 500 paid.
    expect(paid(result)).toEqual(['T L2 500']);
    expect(result.breakage).toBe(2000);
    expect(result.breakageByBonus).toEqual({ unilevel: 0, fastStart: 2000, rankAdvancement: 0 });
  });

  it('pays inactive recipients (no compression, no volume needed)', () => {
    const members = team.map((m) => (m.id === 'S' ? { ...m, status: 'inactive' as const } : m));
    expect(paid(compute(weekly(members, [order('B', 100, 10000, true)])))).toEqual(['S L1 2000', 'T L2 500']);
  });

  it("starts a customer's first order at the customer's sponsor", () => {
    const result = compute(weekly([...team, customer('K', 'B')], [order('K', 50, 5000, true)]));
    // B level 1 = 5000 * 2000 / 10000 = 1000, S level 2 = 5000 * 500 / 10000 = 250.
    expect(paid(result)).toEqual(['B L1 1000', 'S L2 250']);
    expect(linesOf(result).every((line) => line.sourcePartnerId === 'K')).toBe(true);
  });

  it('ignores repeat orders and computes nothing but fast start in a weekly period', () => {
    const result = compute(weekly(team, [order('B', 100, 10000, false), order('S', 500, 0)]));
    expect(result.lines.length).toBe(0);
    expect(result.partners.length).toBe(0);
    expect(result.breakage).toBe(0);
  });

  it('computes an empty weekly period', () => {
    const result = compute(weekly([], []));
    expect(result).toMatchObject({ periodId: '2026-W47', kind: 'weekly', breakage: 0 });
    expect(result.lines.length).toBe(0);
  });

  it('is not paid in a monthly period', () => {
    const result = compute(monthly(team, [order('B', 100, 10000, true)]));
    expect(linesOf(result, 'fastStart')).toEqual([]);
  });
});
