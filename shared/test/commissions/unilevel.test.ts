import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, type MemberInput, type PlanDocument } from '../../src/commissions/index.js';
import { compute, customer, linesOf, monthly, order, paid, partner } from './builders.js';

/** A placement and sponsor chain: ids[0] is the root, each next one below the previous. */
function chain(ids: string[], status: Partial<Record<string, MemberInput['status']>> = {}): MemberInput[] {
  return ids.map((id, i) => partner(id, i === 0 ? null : ids[i - 1]!, { status: status[id] ?? 'active' }));
}

/** PV 50 for each id (active at the default activePv), with no cv. */
function activate(...ids: string[]) {
  return ids.map((id) => order(id, 50, 0));
}

describe('unilevel (monthly, placement tree, dynamic compression)', () => {
  it('pays level 1 to a rank-1 upline and books deeper levels on rank-1 uplines as breakage', () => {
    // A <- B <- C <- D <- E, all Partner (unilevelDepth 1). E's repeat order, cv 10000:
    // D level 1: 10000 * 500 bp = 500 paid; C, B, A levels 2-4: 3 * 500 = 1500 breakage.
    // Levels 5-7 have no upline: neither paid nor breakage.
    const result = compute(
      monthly(chain(['A', 'B', 'C', 'D', 'E']), [...activate('A', 'B', 'C', 'D'), order('E', 100, 10000)]),
    );
    expect(paid(result)).toEqual(['D L1 500']);
    expect(result.breakage).toBe(1500);
    expect(result.totals).toEqual({ unilevel: 500, fastStart: 0, rankAdvancement: 0 });
  });

  it('pays a Bronze upline on level 2 and not on level 3', () => {
    // A <- B <- C <- D, and B also enrolls C2. B: PV 50, active enrolled C and C2,
    // GV 50 + (50 + 100) + 100 = 300 -> Bronze (depth 2). D's order, cv 10000:
    // C level 1 500 paid; B level 2 500 paid; A level 3 500 breakage.
    const members = [...chain(['A', 'B', 'C', 'D']), partner('C2', 'B')];
    const orders = [...activate('A', 'B', 'C'), order('C2', 100, 0), order('D', 100, 10000)];
    const result = compute(monthly(members, orders));
    expect(paid(result)).toEqual(['B L2 500', 'C L1 500']);
    expect(result.breakage).toBe(500);
  });

  it('skips inactive uplines: they take no level and are listed as compressed', () => {
    // A <- B <- C <- D <- E with D below activePv and C canceled: B is level 1.
    // B level 1 500 paid (compressed D, C); A level 2 500 breakage.
    const members = chain(['A', 'B', 'C', 'D', 'E'], { C: 'canceled' });
    const orders = [...activate('A', 'B', 'C'), order('D', 49, 0), order('E', 100, 10000)];
    const result = compute(monthly(members, orders));
    const [line, ...others] = linesOf(result);
    expect(others).toEqual([]);
    expect(line).toEqual({
      recipientId: 'B',
      bonus: 'unilevel',
      amount: 500,
      sourceOrderId: orders[4]!.id,
      sourcePartnerId: 'E',
      level: 1,
      rateBp: 500,
      cv: 10000,
      rank: null,
      compressedIds: ['D', 'C'],
    });
    expect(result.breakage).toBe(500);
  });

  it('records the members compressed between two paid levels', () => {
    // Everyone may be paid 7 levels deep. A <- x1 <- B <- x2 <- x3 <- C <- E; x* inactive.
    const plan: PlanDocument = { ...DEFAULT_PLAN, ranks: [{ ...DEFAULT_PLAN.ranks[0]!, unilevelDepth: 7 }] };
    const members = chain(['A', 'x1', 'B', 'x2', 'x3', 'C', 'E'], { x1: 'inactive', x2: 'inactive', x3: 'inactive' });
    const result = compute(monthly(members, [...activate('A', 'B', 'C'), order('E', 100, 10000)], plan));
    expect(linesOf(result).map((l) => [l.recipientId, l.level, l.compressedIds])).toEqual([
      ['C', 1, []],
      ['B', 2, ['x3', 'x2']],
      ['A', 3, ['x1']],
    ]);
  });

  it('pays at most len(unilevelRatesBp) levels, each at its own rate', () => {
    // Rank 1 paid 7 deep; nine uplines. cv 10000: levels 1-5 at 500 bp = 500 each,
    // level 6 at 400 bp = 400, level 7 at 300 bp = 300; uplines 8 and 9 get nothing.
    const plan: PlanDocument = { ...DEFAULT_PLAN, ranks: [{ ...DEFAULT_PLAN.ranks[0]!, unilevelDepth: 7 }] };
    const ids = ['u9', 'u8', 'u7', 'u6', 'u5', 'u4', 'u3', 'u2', 'u1', 'buyer'];
    const result = compute(monthly(chain(ids), [...activate(...ids.slice(0, 9)), order('buyer', 100, 10000)], plan));
    expect(paid(result)).toEqual([
      'u1 L1 500',
      'u2 L2 500',
      'u3 L3 500',
      'u4 L4 500',
      'u5 L5 500',
      'u6 L6 400',
      'u7 L7 300',
    ]);
    expect(result.breakage).toBe(0);
    expect(result.totals.unilevel).toBe(3200);
  });

  it('pays no unilevel on first orders', () => {
    const result = compute(monthly(chain(['A', 'B']), [...activate('A'), order('B', 100, 10000, true)]));
    expect(result.lines.length).toBe(0);
    expect(result.breakage).toBe(0);
  });

  it("starts a customer's order above the customer's sponsor, naming the customer as the source", () => {
    // A <- B, customer K of B. K's order is owned by B; the walk starts at B's parent A.
    const members = [...chain(['A', 'B']), customer('K', 'B')];
    const orders = [...activate('A', 'B'), order('K', 100, 10000)];
    const [line, ...others] = linesOf(compute(monthly(members, orders)));
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      recipientId: 'A',
      level: 1,
      amount: 500,
      sourcePartnerId: 'K',
      sourceOrderId: orders[2]!.id,
    });
  });

  it('writes no line and no breakage for an amount that rounds to 0', () => {
    // cv 9 at 500 bp = 0.45 -> 0 on level 1 (paid) and level 2 (would be breakage).
    const result = compute(monthly(chain(['A', 'B', 'C']), [...activate('A', 'B'), order('C', 100, 9)]));
    expect(result.lines.length).toBe(0);
    expect(result.breakage).toBe(0);
  });
});
