/**
 * What the commission endpoints answer with (functions/src/commissions/handlers/partner.ts and
 * admin.ts). The records themselves come from shared/src/commissions; these are the views.
 */
import {
  bonusesPaidIn,
  LINE_KINDS,
  type BonusTotals,
  type LineKind,
  type PeriodKind,
} from '@arbor/shared/commissions/bonuses';
import type { Plan } from '@arbor/shared/commissions/plan';
import type { RankProgress } from '@arbor/shared/commissions/rank-progress';
import type { LedgerLine, Period, PeriodState, PlanRecord } from '@arbor/shared/commissions/records';

export type { LedgerLine, LineKind, Period, PeriodKind, PeriodState, PlanRecord, RankProgress };
/** The line kinds (the bonuses, then reversals), in the order the pages list them. */
export { LINE_KINDS };

/** One period of a partner's history (`partnerHistory` in functions/src/commissions/ledger.ts). */
export interface PeriodEarnings {
  periodId: string;
  kind: PeriodKind;
  /** `calculated` is a preview: it can still change until the period is finalized. */
  state: PeriodState;
  total: number;
  byBonus: Partial<Record<LineKind, number>>;
  pv: number;
  gv: number;
  active: boolean;
  paidRank: number;
  highestRank: number;
  previousHighestRank: number;
  activeEnrolled: number;
  lineCount: number;
  rankName: string;
}

export interface LiveVolume {
  /** "2026-11" */
  month: string;
  pv: number;
  gv: number;
}

/** GET /api/commissions/summary */
export interface CommissionSummary {
  monthly: PeriodEarnings[];
  weekly: PeriodEarnings[];
  live: LiveVolume;
  /** Last month as the live volumes have it (before or without a calculation). */
  liveLastMonth: LiveVolume;
  /** Which kind of period pays each bonus under the plan in force. */
  bonusPeriods: Plan['bonusPeriods'];
}

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

/** A line of GET /api/commissions/periods/{id}. */
export interface CommissionLine extends LedgerLine {
  sourcePartnerName: string | null;
  /** The rule that paid it, in English (the page builds its own text in the member's language). */
  explanation: string;
}

/** GET /api/commissions/periods/{id} */
export interface PeriodDetail {
  period: { id: string; kind: PeriodKind; state: PeriodState; start: string; end: string };
  periodId: string;
  memberId: string;
  pv: number;
  gv: number;
  active: boolean;
  paidRank: number;
  rankName: string;
  highestRank: number;
  previousHighestRank: number;
  activeEnrolled: number;
  legs: { partnerId: string; gv: number; legRank: number }[];
  total: number;
  byBonus: Partial<Record<LineKind, number>>;
  lineCount: number;
  lines: CommissionLine[];
}

/** GET /api/commissions/volumes */
export interface VolumeHistory {
  current: LiveVolume;
  months: {
    periodId: string;
    state: PeriodState;
    pv: number;
    gv: number;
    active: boolean;
    paidRank: number;
    rankName: string;
    activeEnrolled: number;
    earnings: number;
  }[];
}
export type VolumeMonth = VolumeHistory['months'][number];

export interface RankLeg {
  partnerId: string;
  name: string;
  gv: number;
  legRank: number;
}

/** GET /api/commissions/rank-progress */
export interface RankProgressAnswer {
  month: string;
  planId?: string;
  metrics: {
    status: string;
    pv: number;
    gv: number;
    activeEnrolled: number;
    legs: RankLeg[];
    paidRank: number;
    highestRank: number;
    active: boolean;
  };
  ranks: RankProgress[];
}

/** GET /api/team/rank-advancements */
export interface TeamAdvancements {
  period: { id: string; state: PeriodState } | null;
  items: { memberId: string; name: string; paidRank: number; rankName: string; previousHighestRank: number }[];
}

export type WhatIfTotals = BonusTotals & Record<'breakage' | 'total', number>;

/** POST /api/admin/what-if */
export interface WhatIfAnswer {
  period: { id: string; kind: PeriodKind };
  current: WhatIfTotals;
  draft: WhatIfTotals;
  largestChanges: { memberId: string; name: string; before: number; after: number; change: number }[];
  computeMs: number;
}
