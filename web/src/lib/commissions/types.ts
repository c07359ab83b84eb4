/**
 * What the commission endpoints answer with, named for the pages: each type is read from the API
 * contract (shared/src/api/commissions.ts), never written again here. The records themselves
 * (periods, plans, ledger lines) are shared/src/commissions's.
 */
import { bonusesPaidIn, LINE_KINDS, type LineKind, type PeriodKind } from '@arbor/shared/commissions/bonuses';
import type { Plan } from '@arbor/shared/commissions/plan';
import type { Response } from '$lib/api';
import type { RankProgress } from '@arbor/shared/commissions/rank-progress';
import type { LedgerLine, Period, PeriodState, PlanRecord } from '@arbor/shared/commissions/records';

export type { LedgerLine, LineKind, Period, PeriodKind, PeriodState, PlanRecord, RankProgress };
/** The line kinds (the bonuses, then reversals), in the order the pages list them. */
export { LINE_KINDS };

export type CommissionSummary = Response<'commissions.commissionSummary'>;
/** One period of a partner's history; `calculated` is a preview until the period is finalized. */
export type PeriodEarnings = CommissionSummary['monthly'][number];
export type LiveVolume = CommissionSummary['live'];
export type PeriodDetail = Response<'commissions.commissionPeriod'>;
export type CommissionLine = PeriodDetail['lines'][number];
export type VolumeHistory = Response<'commissions.volumeHistory'>;
export type VolumeMonth = VolumeHistory['months'][number];
export type RankProgressAnswer = Response<'commissions.rankProgressOf'>;
export type RankLeg = RankProgressAnswer['metrics']['legs'][number];
export type TeamAdvancements = Response<'commissions.teamAdvancements'>;
export type WhatIfAnswer = Response<'commissions.adminWhatIf'>;
export type WhatIfTotals = WhatIfAnswer['current'];

/** What a period pays out: every bonus and reversal (breakage is not paid). */
export const paidOut = (totals: Record<LineKind, number>): number =>
  LINE_KINDS.reduce((sum, kind) => sum + totals[kind], 0);

/**
 * The amount columns of a table of one kind of periods: the bonuses the plan in force pays in that
 * kind, any other bonus the periods hold (paid under an earlier plan), and reversals.
 */
export function bonusColumns(
  kind: PeriodKind,
  bonusPeriods: Plan['bonusPeriods'],
  periods: readonly { byBonus: Partial<Record<LineKind, number>> }[],
): LineKind[] {
  const paid = new Set<LineKind>(bonusesPaidIn({ bonusPeriods }, kind));
  return LINE_KINDS.filter(
    (line) => line === 'reversal' || paid.has(line) || periods.some((p) => p.byBonus[line] !== undefined),
  );
}
