import type { PreparedPeriod } from './input.js';
import { UNILEVEL, type LineTable } from './line-table.js';
import type { Ranks } from './ranks.js';
import { roundedShare } from './rounding.js';
import type { Volumes } from './volumes.js';

/**
 * Unilevel with dynamic compression (docs/compensation-plan.md, "1. Unilevel").
 *
 * Each member's nearest active placement ancestor is set top-down in one
 * pass, so an order visits only the active uplines it pays (at most
 * len(unilevelRatesBp)) however many inactive members lie between them.
 *
 * Breakage, as we read the contract: a level exists when there is a k-th active
 * upline. Its amount is breakage when that upline's paid rank is too shallow
 * (unilevelDepth < k). When the chain runs out of active uplines before the
 * last rate, the remaining levels have no upline: nothing is computed for them,
 * so they are neither paid nor breakage.
 */
export function payUnilevel(
  { plan, members, orders }: PreparedPeriod,
  volumes: Volumes,
  ranks: Ranks,
  lines: LineTable,
) {
  const n = members.count;
  const { placement } = members;
  const { active, owner } = volumes;
  const rates = plan.unilevelRatesBp;
  const levels = rates.length;
  if (levels === 0) return;

  // up[2v] = v's nearest active placement ancestor (-1 if none), up[2v + 1] = the
  // unilevel depth of v's paid rank: one array, so a step up touches one cache line.
  const depthOfRank = Int32Array.from(plan.ranks, (r) => r.unilevelDepth);
  const up = new Int32Array(2 * n);
  // Members are numbered breadth first: a parent is settled before its children.
  for (let v = 0; v < n; v++) {
    const parent = placement[v]!;
    up[2 * v] = parent === -1 ? -1 : active[parent] === 1 ? parent : up[2 * parent]!;
    up[2 * v + 1] = depthOfRank[ranks.paidRankIndex[v]!]!;
  }

  for (let o = 0; o < orders.count; o++) {
    const cv = orders.cv[o]!;
    if (orders.firstOrder[o] === 1 || cv === 0) continue;
    const buyer = orders.buyer[o]!;
    let below = owner[o]!;
    let upline = up[2 * below]!;
    for (let level = 1; level <= levels && upline !== -1; level++) {
      const rateBp = rates[level - 1]!;
      const amount = roundedShare(cv, rateBp);
      if (amount > 0) {
        if (up[2 * upline + 1]! >= level) lines.push(upline, UNILEVEL, amount, o, buyer, level, rateBp, 0, below);
        else lines.addBreakage(UNILEVEL, amount);
      }
      below = upline;
      upline = up[2 * upline]!;
    }
  }
}
