import { z } from 'zod';
import { BonusPeriodsSchema } from '../commissions/plan.js';
import { LineKindSchema, PeriodKindSchema, perBonus } from '../commissions/bonuses.js';
import { LedgerLineSchema, Period, PeriodState, PlanDraftBody, PlanRecord } from '../commissions/records.js';
import { MemberId, MemberRef, MemberStatus } from '../members/model.js';
import { Currency } from '../money.js';
import { ADMIN, endpoint, IsoDateTime, PARTNERS_AND_STAFF, STAFF } from './endpoint.js';

const Cents = z.int().meta({ description: 'Integer minor units of the payout currency' });
const Points = z.int();
const ByLineKind = z.partialRecord(LineKindSchema, Cents).meta({ description: 'Cents by line kind; absent: none' });

/** `?member=`: whose numbers (the caller's own when absent; a member of its placement downline; staff: anyone). */
const Of = z.object({ member: MemberRef.optional() });

export const PeriodId = z
  .string()
  .regex(/^\d{4}-((0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3]))$/, 'must be a month (YYYY-MM) or an ISO week (YYYY-Www)');
const PeriodParams = z.object({ id: PeriodId });
const PlanParams = z.object({ id: z.string().min(1).max(60) });

/** One period of a partner's history (functions/src/commissions/ledger.ts `partnerHistory`). */
export const PeriodEarnings = z.object({
  periodId: z.string(),
  kind: PeriodKindSchema,
  state: PeriodState.meta({ description: '`calculated` is a preview: it can change until the period is finalized.' }),
  total: Cents,
  byBonus: ByLineKind,
  pv: Points,
  gv: Points,
  active: z.boolean(),
  paidRank: z.int(),
  rankName: z.string(),
  highestRank: z.int(),
  previousHighestRank: z.int(),
  activeEnrolled: z.int(),
  lineCount: z.int(),
});

const LiveVolume = z.object({ month: z.string().meta({ description: 'YYYY-MM' }), pv: Points, gv: Points });

const Leg = z.object({ partnerId: z.string(), gv: Points, legRank: z.int() });

export const PeriodDetail = PeriodEarnings.omit({ kind: true, state: true }).extend({
  currency: Currency,
  period: z.object({
    id: z.string(),
    kind: PeriodKindSchema,
    state: PeriodState,
    start: IsoDateTime,
    end: IsoDateTime,
  }),
  memberId: z.string(),
  legs: z.array(Leg),
  lines: z.array(
    LedgerLineSchema.extend({
      sourcePartnerName: z.string().nullable(),
      explanation: z.string().meta({ description: 'The rule that paid the line, in English' }),
    }),
  ),
});

const Requirement = z.object({ required: z.number(), actual: z.number(), missing: z.number(), met: z.boolean() });

export const RankProgressAnswer = z.object({
  month: z.string(),
  planId: z.string().optional(),
  metrics: z.object({
    status: MemberStatus,
    pv: Points,
    gv: Points,
    activeEnrolled: z.int(),
    legs: z.array(Leg.extend({ name: z.string() })),
    paidRank: z.int(),
    highestRank: z.int(),
    active: z.boolean(),
  }),
  ranks: z.array(
    z.object({
      rank: z.int(),
      name: z.string(),
      qualified: z.boolean(),
      status: z.object({ required: z.literal('active'), actual: MemberStatus, met: z.boolean() }),
      pv: Requirement,
      gv: Requirement.extend({ legCap: z.number().nullable() }),
      activeEnrolled: Requirement,
      legs: Requirement.extend({ minRank: z.int() }).nullable(),
    }),
  ),
});

/** What the next rank asked that the member did not have (`status`: it was not active; `legs`: legs of minRank). */
const MissingRequirement = z.object({
  requirement: z.enum(['status', 'pv', 'gv', 'activeEnrolled', 'legs']),
  required: z.number(),
  actual: z.number(),
  missing: z.number(),
  minRank: z.int().nullable(),
});
const NextRank = z.object({ rank: z.int(), name: z.string(), missing: z.array(MissingRequirement) }).nullable();
const Qualification = z.object({
  periodId: z.string(),
  active: z.boolean(),
  /** Why it was not active: PV under the plan's activePv, or its status. */
  inactiveBecause: z.enum(['pv', 'status']).nullable(),
  pv: Points,
  gv: Points,
  activeEnrolled: z.int(),
  paidRank: z.int(),
  paidRankName: z.string(),
  /** The highest rank the numbers meet under the engine's rules (null for weekly periods, which rank no one). */
  qualifiedRank: z.int().nullable(),
  qualifiedRankName: z.string().nullable(),
  highestRank: z.int(),
  /** The rank above the qualified one and what it was missing (null at the top rank, or weekly). */
  next: NextRank,
});

const WhatIfTotals = z.object({ ...perBonus(() => Cents), breakage: Cents, total: Cents });

const PeriodAnswer = z.object({ period: Period });
const PlanAnswer = z.object({ plan: PlanRecord });

/** Commissions: a partner's earnings and why, volumes and rank progress; the admin's periods and plans. */
export const commissionsApi = {
  commissionSummary: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "Earnings of the last six monthly and weekly periods, by bonus, and this and last month's live volume.",
    query: Of,
    response: z.object({
      currency: Currency,
      monthly: z.array(PeriodEarnings),
      weekly: z.array(PeriodEarnings),
      live: LiveVolume,
      liveLastMonth: LiveVolume,
      bonusPeriods: BonusPeriodsSchema.meta({
        description: 'Which kind of period pays each bonus under the plan in force',
      }),
    }),
  }),
  commissionPeriod: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'One period of a partner: every line with the rule that paid it and the people involved.',
    params: z.object({ periodId: z.string().max(10) }),
    query: Of,
    response: PeriodDetail,
  }),
  volumeHistory: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Paid rank, PV, GV and active enrolled month by month, with this month live.',
    query: Of,
    response: z.object({
      currency: Currency,
      current: LiveVolume,
      months: z.array(
        z.object({
          periodId: z.string(),
          state: PeriodState,
          pv: Points,
          gv: Points,
          active: z.boolean(),
          paidRank: z.int(),
          rankName: z.string(),
          activeEnrolled: z.int(),
          earnings: Cents,
        }),
      ),
    }),
  }),
  rankProgressOf: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'What the partner has this month and what it is missing for each rank above its own.',
    query: Of,
    response: RankProgressAnswer,
  }),
  memberQualification: endpoint({
    auth: STAFF,
    summary:
      "Support's review of a member's periods: active or why not, volumes, paid and qualified rank, earnings, and what the next rank was missing; this month live first.",
    query: z.object({ member: MemberId }),
    response: z.object({
      currency: Currency,
      activePv: Points,
      current: Qualification.extend({ status: MemberStatus }),
      periods: z.array(
        Qualification.extend({
          kind: PeriodKindSchema,
          state: PeriodState,
          earnings: Cents,
          byBonus: ByLineKind,
        }),
      ),
    }),
  }),
  teamAdvancements: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Team members the latest monthly calculation puts at a new rank (a preview until finalized).',
    query: Of,
    response: z.object({
      period: z.object({ id: z.string(), state: PeriodState }).nullable(),
      total: z.int(),
      items: z.array(
        z.object({
          memberId: z.string(),
          name: z.string(),
          paidRank: z.int(),
          rankName: z.string(),
          previousHighestRank: z.int(),
        }),
      ),
    }),
  }),
  adminListPeriods: endpoint({
    auth: ADMIN,
    summary: 'The commission periods, newest first (recent ones are created on the way).',
    scope: 'commissions:read',
    response: z.object({ items: z.array(Period) }),
  }),
  adminGetPeriod: endpoint({
    auth: ADMIN,
    summary: 'One period: its state, totals and the progress of its close.',
    scope: 'commissions:read',
    params: PeriodParams,
    response: PeriodAnswer,
  }),
  adminCalculate: endpoint({
    auth: ADMIN,
    summary: 'Calculate (or calculate again) a period that has ended: a preview until it is finalized.',
    params: PeriodParams,
    response: z.object({ periodId: z.string(), runId: z.string(), executionArn: z.string() }),
    status: 202,
  }),
  adminFinalize: endpoint({
    auth: ADMIN,
    summary: 'Finalize a calculated period: results become final, ranks and balances are posted, statements mailed.',
    params: PeriodParams,
    response: z.object({ periodId: z.string(), executionArn: z.string() }),
    status: 202,
  }),
  adminPayoutExport: endpoint({
    auth: ADMIN,
    summary: 'The payouts of a finalized period as CSV.',
    params: PeriodParams,
    response: null,
    file: 'text/csv',
  }),
  adminMarkPaid: endpoint({
    auth: ADMIN,
    summary: 'Mark a finalized period paid (pays out the balances at or above the minimum).',
    params: PeriodParams,
    response: z.object({ period: Period, paid: z.int() }),
  }),
  adminListPlans: endpoint({
    auth: ADMIN,
    summary: 'The compensation plans: drafts, the active one and retired ones.',
    response: z.object({ items: z.array(PlanRecord) }),
  }),
  adminGetPlan: endpoint({
    auth: ADMIN,
    summary: 'One plan: its document, status and version.',
    params: PlanParams,
    response: PlanAnswer,
  }),
  adminCreatePlan: endpoint({
    auth: ADMIN,
    summary: 'A new draft plan (validated; errors name the path, e.g. document.ranks.2.gv).',
    body: PlanDraftBody,
    response: PlanAnswer,
    status: 201,
  }),
  adminUpdatePlan: endpoint({
    auth: ADMIN,
    summary: 'Change a draft plan (send the version you read; 409 when it changed meanwhile).',
    params: PlanParams,
    body: PlanDraftBody.extend({ version: z.int().min(1) }),
    response: PlanAnswer,
  }),
  adminActivatePlan: endpoint({
    auth: ADMIN,
    summary: 'Make a draft the plan in force (the previous one is retired).',
    params: PlanParams,
    response: PlanAnswer,
  }),
  adminWhatIf: endpoint({
    auth: ADMIN,
    summary: "A draft plan against a calculated period's snapshot, without touching the ledger.",
    body: z.object({ periodId: PeriodId, planId: z.string().optional(), document: z.unknown().optional() }),
    response: z.object({
      period: z.object({ id: z.string(), kind: PeriodKindSchema }),
      current: WhatIfTotals,
      draft: WhatIfTotals,
      largestChanges: z.array(
        z.object({ memberId: z.string(), name: z.string(), before: Cents, after: Cents, change: Cents }),
      ),
      computeMs: z.number(),
    }),
  }),
};
