import { commissionsApi } from '@arbor/shared/api/commissions';
import { NotFoundError } from '@arbor/shared/errors';
import { monthKey, previousMonth } from '@arbor/shared/time';
import { route } from '../../lib/http.js';
import { getJsonIfExists } from '../../lib/objects.js';
import { getMembers } from '../../members/repository.js';
import type { Principal } from '../../auth/principal.js';
import { teamOwner } from '../../genealogy/scope.js';
import { partnerHistory, partnerPeriodDetail } from '../ledger.js';
import { liveVolume } from '../live.js';
import { companyTimeZone, getPeriod, listPeriods, payoutCurrency } from '../periods.js';
import { activePlan } from '../plans.js';
import { liveRankProgress } from '../progress.js';
import { qualificationHistory } from '../qualification.js';
import { visibleMember } from '../../members/scope.js';
import { loadRankNames, rankName } from '../rank-names.js';

/**
 * Whose numbers: the caller, or a member of its placement downline (staff:
 * anyone). Commissions, volumes and advancements follow the placement tree,
 * so an enrollee support moved to another leg is not the previous upline's to read.
 */
const whose = (principal: Principal, member?: string) => teamOwner(principal, member, 'placement');

/**
 * Earnings by period (the last six weekly and monthly), totals by bonus, the live volume of
 * this month and the last (last month's shows even before the company calculates it), and which
 * kind of period pays each bonus under the plan in force (the page's columns).
 */
export const commissionSummary = route(commissionsApi.commissionSummary, async ({ principal, query }) => {
  const member = await whose(principal, query.member);
  const history = await partnerHistory(member.id);
  const month = monthKey(new Date(), await companyTimeZone());
  return {
    currency: await payoutCurrency(),
    monthly: history.filter((h) => h.kind === 'monthly').slice(0, 6),
    weekly: history.filter((h) => h.kind === 'weekly').slice(0, 6),
    live: { month, ...(await liveVolume(member.id, month)) },
    liveLastMonth: { month: previousMonth(month), ...(await liveVolume(member.id, previousMonth(month))) },
    bonusPeriods: (await activePlan()).document.bonusPeriods,
  };
});

/** One period's lines, each with the rule that paid it and the people involved. */
export const commissionPeriod = route(commissionsApi.commissionPeriod, async ({ principal, params, query }) => {
  const member = await whose(principal, query.member);
  const period = await getPeriod(params.periodId);
  const detail = period ? await partnerPeriodDetail(member.id, period) : null;
  if (!detail) throw new NotFoundError('No commissions for that period.', 'period_not_found');
  return { currency: await payoutCurrency(), ...detail };
});

/** Monthly paid rank, PV, GV and active enrolled, month by month, with this month live. */
export const volumeHistory = route(commissionsApi.volumeHistory, async ({ principal, query }) => {
  const member = await whose(principal, query.member);
  const month = monthKey(new Date(), await companyTimeZone());
  const history = (await partnerHistory(member.id)).filter((h) => h.kind === 'monthly');
  return {
    currency: await payoutCurrency(),
    current: { month, ...(await liveVolume(member.id, month)) },
    months: history.map((h) => ({
      periodId: h.periodId,
      state: h.state,
      pv: h.pv,
      gv: h.gv,
      active: h.active,
      paidRank: h.paidRank,
      rankName: rankName(h.paidRank),
      activeEnrolled: h.activeEnrolled,
      earnings: h.total,
    })),
  };
});

export const rankProgressOf = route(commissionsApi.rankProgressOf, async ({ principal, query }) => {
  const member = await whose(principal, query.member);
  return liveRankProgress(member);
});

/** Support reviews a member's qualification, period by period (functions/src/commissions/qualification.ts). */
export const memberQualification = route(commissionsApi.memberQualification, async ({ principal, query }) => {
  await loadRankNames();
  const member = await visibleMember(principal, query.member);
  return { currency: await payoutCurrency(), ...(await qualificationHistory(member)) };
});

/**
 * Upcoming rank advancements in the team: from the latest monthly calculation
 * (a preview until finalized), the downline members it puts at a new rank.
 */
export const teamAdvancements = route(commissionsApi.teamAdvancements, async ({ principal, query }) => {
  await loadRankNames();
  const member = await whose(principal, query.member);
  const period = (await listPeriods(24)).find(
    (p) => p.kind === 'monthly' && p.resultKey && ['calculated', 'finalized'].includes(p.state),
  );
  if (!period) return { period: null, total: 0, items: [] };
  const list =
    (await getJsonIfExists<{ memberId: string; paidRank: number; previousHighestRank: number; uplines: string[] }[]>(
      `${period.resultKey}/advancements.json`,
    )) ?? [];
  const all = list.filter((a) => a.uplines.includes(member.id));
  const mine = all.slice(0, 50);
  const names = new Map((await getMembers(mine.map((a) => a.memberId))).map((m) => [m.id, m.displayName]));
  return {
    period: { id: period.id, state: period.state },
    total: all.length,
    items: mine.map((a) => ({
      ...a,
      name: names.get(a.memberId) ?? a.memberId,
      rankName: rankName(a.paidRank),
      uplines: undefined,
    })),
  };
});
