import type { Plan } from '@arbor/shared/commissions/plan';
import { rankProgress, type PartnerRankMetrics, type RankProgress } from '@arbor/shared/commissions/rank-progress';
import type { Member } from '@arbor/shared/members/model';
import { partnerHistory } from './ledger.js';
import { getPeriods } from './repository/periods.js';
import { partnerPeriodLegs } from './repository/partner-periods.js';
import { activePlan, getPlan } from './plans.js';
import { liveRankProgress } from './progress.js';
import { rankName } from './rank-names.js';

type Requirement = 'status' | 'pv' | 'gv' | 'activeEnrolled' | 'legs';

/** One requirement of a rank that was not met: what it asks, what the member had, how much was missing. */
export interface Missing {
  requirement: Requirement;
  required: number;
  actual: number;
  missing: number;
  /** For `legs`: the rank a leg must reach to count. */
  minRank: number | null;
}

/**
 * The highest rank whose every requirement the numbers meet (the engine's own rules,
 * shared/src/commissions/qualification.ts, through rank progress measured from rank 1), and what the next
 * rank above it was missing.
 */
function qualify(metrics: PartnerRankMetrics, plan: Plan) {
  const all = rankProgress({ ...metrics, paidRank: 0 }, plan);
  const qualifiedRank = all.filter((r) => r.qualified).reduce((best, r) => Math.max(best, r.rank), 1);
  const next = all.find((r) => r.rank > qualifiedRank) ?? null;
  return { qualifiedRank, next: next ? { rank: next.rank, name: next.name, missing: missingOf(next) } : null };
}

function missingOf(rank: RankProgress): Missing[] {
  const out: Missing[] = [];
  if (!rank.status.met) out.push({ requirement: 'status', required: 1, actual: 0, missing: 1, minRank: null });
  for (const name of ['pv', 'gv', 'activeEnrolled'] as const) {
    const r = rank[name];
    if (!r.met)
      out.push({ requirement: name, required: r.required, actual: r.actual, missing: r.missing, minRank: null });
  }
  if (rank.legs && !rank.legs.met) {
    const { required, actual, missing, minRank } = rank.legs;
    out.push({ requirement: 'legs', required, actual, missing, minRank });
  }
  return out;
}

/**
 * Why a partner was not active in a period: its PV under the plan's activePv, or (PV enough) its status.
 * Periods keep `active` and PV, not the status itself, so a PV that was enough says the status was not active.
 */
const inactiveBecause = (active: boolean, pv: number, activePv: number) =>
  active ? null : pv < activePv ? ('pv' as const) : ('status' as const);

/**
 * A member's commission periods as support reviews them: for each calculated period, whether the member was
 * active (and if not, why), its volumes, the rank it was paid and the rank its numbers qualify for, what it
 * earned, and what the next rank was missing; the month running now first, live (its paid rank is the one of
 * the last close). Monthly periods carry the ranks; weekly ones only their earnings. Reuses the engine's
 * qualification rules and each period's own plan, so the answer is the one the close computed.
 */
export async function qualificationHistory(member: Member) {
  const [history, legsByPeriod, live, inForce] = await Promise.all([
    partnerHistory(member.id),
    partnerPeriodLegs(member.id),
    liveRankProgress(member),
    activePlan(),
  ]);
  const periods = await getPeriods(history.map((h) => h.periodId));
  const plans = new Map<string, Plan>([[inForce.id, inForce.document]]);
  for (const planId of new Set([...periods.values()].map((p) => p.planId).filter((id): id is string => !!id))) {
    if (!plans.has(planId)) {
      const plan = await getPlan(planId);
      if (plan) plans.set(planId, plan.document);
    }
  }
  const legs = new Map(legsByPeriod.map((record) => [record.periodId, record.legs]));
  const liveQualification = qualify(live.metrics, inForce.document);
  return {
    activePv: inForce.document.activePv,
    current: {
      periodId: live.month,
      active: live.metrics.active,
      // Live, the status is known: it comes first.
      inactiveBecause: live.metrics.active
        ? null
        : member.status !== 'active'
          ? ('status' as const)
          : inactiveBecause(false, live.metrics.pv, inForce.document.activePv),
      status: member.status,
      pv: live.metrics.pv,
      gv: live.metrics.gv,
      activeEnrolled: live.metrics.activeEnrolled,
      paidRank: member.paidRank,
      paidRankName: rankName(member.paidRank),
      qualifiedRank: liveQualification.qualifiedRank,
      qualifiedRankName: rankName(liveQualification.qualifiedRank),
      highestRank: member.highestRank,
      next: liveQualification.next,
    },
    periods: history.map((record) => {
      const plan = plans.get(periods.get(record.periodId)?.planId ?? '') ?? inForce.document;
      const base = {
        periodId: record.periodId,
        kind: record.kind,
        state: record.state,
        earnings: record.total,
        byBonus: record.byBonus,
        active: record.active,
        inactiveBecause: inactiveBecause(record.active, record.pv, plan.activePv),
        pv: record.pv,
        gv: record.gv,
        activeEnrolled: record.activeEnrolled,
        paidRank: record.paidRank,
        paidRankName: rankName(record.paidRank),
        highestRank: record.highestRank,
      };
      if (record.kind !== 'monthly') return { ...base, qualifiedRank: null, qualifiedRankName: null, next: null };
      const q = qualify(
        {
          // A period with enough PV that was not active: the status held it back.
          status: base.inactiveBecause === 'status' ? 'inactive' : 'active',
          pv: record.pv,
          activeEnrolled: record.activeEnrolled,
          legs: legs.get(record.periodId) ?? [],
          paidRank: record.paidRank,
          highestRank: record.highestRank,
        },
        plan,
      );
      return { ...base, qualifiedRank: q.qualifiedRank, qualifiedRankName: rankName(q.qualifiedRank), next: q.next };
    }),
  };
}
