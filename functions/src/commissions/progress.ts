import { rankProgress } from '@arbor/shared/commissions/rank-progress';
import type { Member } from '@arbor/shared/members/model';
import { monthKey } from '@arbor/shared/time';
import { allChildren } from '../genealogy/repository.js';
import { companyTimeZone } from './periods.js';
import { activePlan } from './plans.js';
import { liveVolume } from './live.js';
import { liveVolumes } from './repository/live-volumes.js';
import { partnerPeriodLegs } from './repository/partner-periods.js';

/** The best paid rank in each leg, as the last monthly close measured it. */
async function lastLegRanks(memberId: string): Promise<Map<string, number>> {
  const monthly = (await partnerPeriodLegs(memberId)).find((record) => /^\d{4}-\d{2}$/.test(record.periodId));
  return new Map((monthly?.legs ?? []).map((leg) => [leg.partnerId, leg.legRank]));
}

/**
 * Rank progress, live: this month's PV and each leg's GV from the live
 * volumes, active personally enrolled partners counted with the plan's
 * activePv, and each leg's best paid rank from the last close (paid ranks
 * change only at a close). What is missing for the next rank and every
 * higher one comes from the engine's own rules.
 */
export async function liveRankProgress(member: Member, now = new Date()) {
  const [plan, timeZone] = await Promise.all([activePlan(), companyTimeZone()]);
  const month = monthKey(now, timeZone);
  const [own, legs, enrolled, legRanks] = await Promise.all([
    liveVolume(member.id, month),
    allChildren('placement', member.id),
    allChildren('enroller', member.id),
    lastLegRanks(member.id),
  ]);
  const partners = enrolled.filter((m) => m.kind === 'partner' && m.status === 'active');
  const volumes = await liveVolumes([...legs.map((m) => m.id), ...partners.map((m) => m.id)], month);
  const activeEnrolled = partners.filter((m) => (volumes.get(m.id)?.pv ?? 0) >= plan.document.activePv).length;
  const metrics = {
    status: member.status,
    pv: own.pv,
    activeEnrolled,
    legs: legs.map((leg) => ({
      partnerId: leg.id,
      name: leg.displayName,
      gv: volumes.get(leg.id)?.gv ?? 0,
      legRank: Math.max(legRanks.get(leg.id) ?? 1, leg.paidRank),
    })),
    paidRank: member.paidRank,
    highestRank: member.highestRank,
  };
  return {
    month,
    planId: plan.id,
    metrics: { ...metrics, gv: own.gv, active: member.status === 'active' && own.pv >= plan.document.activePv },
    ranks: rankProgress(metrics, plan.document),
  };
}
