import { STATUS_ACTIVE } from './input-members.js';
import type { PreparedPeriod } from './input.js';
import { emptyMeasure, qualifiedRankIndex, type QualificationMetrics } from './qualification.js';
import type { Volumes } from './volumes.js';

export interface Ranks {
  /** Index in plan.ranks of each member's paid rank (0, the lowest, for customers). */
  readonly paidRankIndex: Int32Array;
  /** Highest paid rank number in each member's placement subtree, the member included (legRank). */
  readonly bestRankBelow: Int32Array;
}

/**
 * Settles paid ranks bottom-up (children before parents), so a partner's leg
 * rule reads its legs' paid ranks. A canceled or inactive status fails every
 * rank above the lowest inside the shared qualification rules.
 */
export function settleRanks({ plan, members }: PreparedPeriod, volumes: Volumes): Ranks {
  const n = members.count;
  const { isPartner, status, childStart, maxChildren } = members;
  const ranks = plan.ranks;
  const paidRankIndex = new Int32Array(n);
  const bestRankBelow = new Int32Array(n);

  const legGv = new Float64Array(maxChildren);
  const legRank = new Int32Array(maxChildren);
  const metrics: QualificationMetrics = { statusActive: false, pv: 0, activeEnrolled: 0, legCount: 0, legGv, legRank };
  const scratch = emptyMeasure();

  // Members are numbered breadth first: counting down settles children before parents.
  for (let v = n - 1; v >= 0; v--) {
    if (isPartner[v] === 0) {
      bestRankBelow[v] = ranks[0]!.rank;
      continue;
    }
    let legCount = 0;
    for (let child = childStart[v]!, end = childStart[v + 1]!; child < end; child++) {
      legGv[legCount] = volumes.gv[child]!;
      legRank[legCount] = bestRankBelow[child]!;
      legCount++;
    }
    metrics.statusActive = status[v] === STATUS_ACTIVE;
    metrics.pv = volumes.pv[v]!;
    metrics.activeEnrolled = volumes.activeEnrolled[v]!;
    metrics.legCount = legCount;
    const index = qualifiedRankIndex(ranks, metrics, scratch);
    paidRankIndex[v] = index;

    let best = ranks[index]!.rank;
    for (let i = 0; i < legCount; i++) if (legRank[i]! > best) best = legRank[i]!;
    bestRankBelow[v] = best;
  }
  return { paidRankIndex, bestRankBelow };
}
