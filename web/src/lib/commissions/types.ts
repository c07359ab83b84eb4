/**
 * What the commission endpoints answer with (functions/src/commissions/handlers/partner.ts and
 * admin.ts). The records themselves come from shared/src/commissions; these are the views.
 */
import type { RankProgress } from '@arbor/shared/commissions/rank-progress';
import type { LedgerLine, Period, PeriodState, PlanRecord } from '@arbor/shared/commissions/records';

export type { Period, PeriodState, PlanRecord, RankProgress };
export type PeriodKind = Period['kind'];
export type Bonus = LedgerLine['bonus'];

/** The bonuses in the order the pages list them. */
export const BONUSES: readonly Bonus[] = ['unilevel', 'fastStart', 'rankAdvancement', 'reversal'];

/** One period of a partner's history (`partnerHistory` in functions/src/commissions/ledger.ts). */
export interface PeriodEarnings {
  periodId: string;
  kind: PeriodKind;
  /** `calculated` is a preview: it can still change until the period is finalized. */
  state: PeriodState;
  total: number;
  byBonus: Partial<Record<Bonus, number>>;
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
  byBonus: Partial<Record<Bonus, number>>;
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

export type WhatIfTotals = Record<'unilevel' | 'fastStart' | 'rankAdvancement' | 'breakage' | 'total', number>;

/** POST /api/admin/what-if */
export interface WhatIfAnswer {
  period: { id: string; kind: PeriodKind };
  current: WhatIfTotals;
  draft: WhatIfTotals;
  largestChanges: { memberId: string; name: string; before: number; after: number; change: number }[];
  computeMs: number;
}
