import type { MemberStatus } from './input.js';
import type { Plan } from './plan.js';
import { meetsRank, measureRank, type QualificationMetrics } from './qualification.js';

/** One partner's qualification metrics, as the engine reports them with `withLegDetail`. */
export interface PartnerRankMetrics {
  status: MemberStatus;
  pv: number;
  /** Active partners (not customers) personally enrolled. */
  activeEnrolled: number;
  /** One entry per placement child: the leg's GV and the best paid rank in it. */
  legs: readonly { partnerId?: string; gv: number; legRank: number }[];
  paidRank: number;
  highestRank: number;
}

export interface Requirement {
  required: number;
  actual: number;
  missing: number;
  met: boolean;
}

export interface RankProgress {
  rank: number;
  name: string;
  /** All requirements met. */
  qualified: boolean;
  status: { required: 'active'; actual: MemberStatus; met: boolean };
  pv: Requirement;
  /** `actual` is the GV after leg caps computed with this rank's maxLegPct. */
  gv: Requirement & { legCap: number | null };
  activeEnrolled: Requirement;
  /** `actual` counts legs whose legRank reaches minRank; null when the rank has no leg rule. */
  legs: (Requirement & { minRank: number }) | null;
}

/**
 * What a partner is missing for the next rank and each rank above it (ranks
 * above `paidRank`), measured with the engine's own qualification rules.
 */
export function rankProgress(metrics: PartnerRankMetrics, plan: Plan): RankProgress[] {
  const m: QualificationMetrics = {
    statusActive: metrics.status === 'active',
    pv: metrics.pv,
    activeEnrolled: metrics.activeEnrolled,
    legCount: metrics.legs.length,
    legGv: metrics.legs.map((leg) => leg.gv),
    legRank: metrics.legs.map((leg) => leg.legRank),
  };
  return plan.ranks
    .filter((rank) => rank.rank > metrics.paidRank)
    .map((rank) => {
      const measure = measureRank(rank, m);
      return {
        rank: rank.rank,
        name: rank.name,
        qualified: meetsRank(measure),
        status: { required: 'active', actual: metrics.status, met: measure.statusActive },
        pv: requirement(rank.pv, metrics.pv, measure.pvMissing),
        gv: { ...requirement(rank.gv, measure.cappedGv, measure.gvMissing), legCap: measure.legCap },
        activeEnrolled: requirement(rank.activeEnrolled, metrics.activeEnrolled, measure.activeEnrolledMissing),
        legs:
          rank.legs === null
            ? null
            : {
                ...requirement(rank.legs.count, measure.qualifyingLegs, measure.legsMissing),
                minRank: rank.legs.minRank,
              },
      };
    });
}

function requirement(required: number, actual: number, missing: number): Requirement {
  return { required, actual, missing, met: missing === 0 };
}
