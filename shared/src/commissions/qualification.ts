import type { PlanRank } from './plan.js';
import { floorDiv } from './rounding.js';

/**
 * The rank rules of docs/compensation-plan.md ("Ranks"), in the one place both the engine and the
 * rank-progress view use. The engine passes typed-array scratch buffers and
 * reuses one measure object per partner; rank progress passes plain arrays.
 */
export interface QualificationMetrics {
  /** The partner's status is `active`. */
  statusActive: boolean;
  pv: number;
  /** Active partners (never customers) the partner personally enrolled. */
  activeEnrolled: number;
  /** Legs are entries 0 .. legCount-1 of the two arrays below. */
  legCount: number;
  /** GV of each leg (the placement subtree under one placement child). */
  legGv: ArrayLike<number>;
  /** Highest paid rank of anyone in each leg. */
  legRank: ArrayLike<number>;
}

/** How far a partner is from one rank; every "missing" is 0 when that requirement is met. */
export interface RankMeasure {
  statusActive: boolean;
  pvMissing: number;
  /** floor(gv * maxLegPct / 100), or null when the rank caps no leg. */
  legCap: number | null;
  /** PV plus each leg's GV, each leg capped at legCap. */
  cappedGv: number;
  gvMissing: number;
  activeEnrolledMissing: number;
  /** Legs whose legRank reaches the rank's legs.minRank (0 when the rank has no leg rule). */
  qualifyingLegs: number;
  legsMissing: number;
}

export function emptyMeasure(): RankMeasure {
  return {
    statusActive: false,
    pvMissing: 0,
    legCap: null,
    cappedGv: 0,
    gvMissing: 0,
    activeEnrolledMissing: 0,
    qualifyingLegs: 0,
    legsMissing: 0,
  };
}

/** Measures the metrics against one rank, writing into `out` (so hot loops allocate nothing). */
export function measureRank(rank: PlanRank, m: QualificationMetrics, out: RankMeasure = emptyMeasure()): RankMeasure {
  const legCap = rank.maxLegPct === null ? null : floorDiv(rank.gv * rank.maxLegPct, 100);
  const minLegRank = rank.legs === null ? Infinity : rank.legs.minRank;
  let cappedGv = m.pv;
  let qualifyingLegs = 0;
  for (let i = 0; i < m.legCount; i++) {
    const gv = m.legGv[i]!;
    cappedGv += legCap !== null && gv > legCap ? legCap : gv;
    if (m.legRank[i]! >= minLegRank) qualifyingLegs++;
  }
  out.statusActive = m.statusActive;
  out.pvMissing = Math.max(0, rank.pv - m.pv);
  out.legCap = legCap;
  out.cappedGv = cappedGv;
  out.gvMissing = Math.max(0, rank.gv - cappedGv);
  out.activeEnrolledMissing = Math.max(0, rank.activeEnrolled - m.activeEnrolled);
  out.qualifyingLegs = qualifyingLegs;
  out.legsMissing = rank.legs === null ? 0 : Math.max(0, rank.legs.count - qualifyingLegs);
  return out;
}

export function meetsRank(measure: RankMeasure): boolean {
  return (
    measure.statusActive &&
    measure.pvMissing === 0 &&
    measure.gvMissing === 0 &&
    measure.activeEnrolledMissing === 0 &&
    measure.legsMissing === 0
  );
}

/**
 * Index in `ranks` of the highest rank the metrics qualify for; index 0 (the
 * lowest rank) needs nothing. Ranks are judged independently, so a plan whose
 * requirements do not grow monotonically still pays the highest rank met.
 */
export function qualifiedRankIndex(
  ranks: readonly PlanRank[],
  m: QualificationMetrics,
  scratch: RankMeasure = emptyMeasure(),
): number {
  for (let i = ranks.length - 1; i > 0; i--) {
    if (meetsRank(measureRank(ranks[i]!, m, scratch))) return i;
  }
  return 0;
}
