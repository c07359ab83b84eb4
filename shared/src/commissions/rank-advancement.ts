import { STATUS_ACTIVE } from './input-members.js';
import type { PreparedPeriod } from './input.js';
import { RANK_ADVANCEMENT, type LineTable } from './line-table.js';
import type { Ranks } from './ranks.js';

/**
 * Rank advancement (docs/compensation-plan.md, "3. Rank advancement"): one line per rank newly reached
 * above the highest rank held before the period, for ranks whose bonus is
 * above 0. Paying needs status active (a paid rank above the lowest already
 * implies it; the check keeps the contract's wording visible).
 */
export function payRankAdvancement({ plan, members }: PreparedPeriod, ranks: Ranks, lines: LineTable): void {
  const { isPartner, status, highestRankIndex } = members;
  for (let v = 0; v < members.count; v++) {
    const paid = ranks.paidRankIndex[v]!;
    const before = highestRankIndex[v]!;
    if (paid <= before || isPartner[v] === 0 || status[v] !== STATUS_ACTIVE) continue;
    for (let r = before + 1; r <= paid; r++) {
      const rank = plan.ranks[r]!;
      if (rank.advancementBonus > 0) lines.push(v, RANK_ADVANCEMENT, rank.advancementBonus, -1, v, 0, 0, rank.rank, -1);
    }
  }
}
