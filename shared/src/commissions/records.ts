import { z } from 'zod';
import { BonusSchema, LineKindSchema, perLineKind, PeriodKindSchema, type LineKind } from './bonuses.js';
import { PlanSchema } from './plan.js';

/** A stored plan document with its life: drafts are edited, one plan is active, old ones retire. */
export const PlanStatus = z.enum(['draft', 'active', 'retired']);
export const PlanRecord = z.object({
  id: z.string(),
  name: z.string().min(1).max(80),
  status: PlanStatus,
  document: PlanSchema,
  notes: z.string().max(2000).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  version: z.number().int().min(1),
});
export type PlanRecord = z.infer<typeof PlanRecord>;

export const PlanDraftBody = z.object({
  name: z.string().trim().min(1).max(80),
  /** Validated against the plan schema; errors name the path, e.g. document.ranks.2.gv. */
  document: z.unknown(),
  notes: z.string().max(2000).optional(),
});

/**
 * A commission period: open while orders can still land in it, calculated
 * (a re-runnable preview), finalized (immutable, ranks and balances posted),
 * paid. `calculating` and `finalizing` are the close at work.
 */
export const PeriodState = z.enum(['open', 'calculating', 'calculated', 'finalizing', 'finalized', 'paid']);
export type PeriodState = z.infer<typeof PeriodState>;

const Cents = z.number().int();

/** A period's cents by line kind (each bonus, and reversals), and its counts. */
export const PeriodTotals = z.object({
  ...perLineKind(() => Cents),
  breakage: Cents,
  payees: z.number().int(),
  lines: z.number().int(),
  partners: z.number().int(),
  orders: z.number().int(),
});
export type PeriodTotals = z.infer<typeof PeriodTotals>;

export const Period = z.object({
  id: z.string(),
  kind: PeriodKindSchema,
  /** The period covers [start, end) in UTC instants (company-time boundaries). */
  start: z.string(),
  end: z.string(),
  state: PeriodState,
  planId: z.string().nullable(),
  runId: z.string().nullable(),
  /** The execution that holds the close's lock (its owner), and until when its lease runs. */
  executionArn: z.string().nullable(),
  /** After this instant a lock left by a run that died may be taken over (absent on older periods). */
  leaseUntil: z.string().nullable().optional(),
  /** The close in progress: which step, and how far. */
  progress: z
    .object({
      step: z.string(),
      done: z.number().int(),
      total: z.number().int(),
      at: z.string(),
      error: z.string().optional(),
    })
    .nullable(),
  totals: PeriodTotals.nullable(),
  calculatedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  resultKey: z.string().nullable(),
  version: z.number().int().min(1),
});
export type Period = z.infer<typeof Period>;

/** A commission line as the ledger keeps it: amount with its source and the rule that paid it. */
export const LedgerLineSchema = z.object({
  bonus: LineKindSchema,
  amount: Cents,
  sourceOrderId: z.string().nullable(),
  sourcePartnerId: z.string(),
  level: z.int(),
  rateBp: z.int().meta({ description: 'Rate in basis points (1% = 100)' }),
  cv: z.int().nullable(),
  rank: z.int().nullable(),
  compressedIds: z.array(z.string()),
  /** For reversals: the period and bonus of the line being reversed. */
  reverses: z.object({ periodId: z.string(), bonus: BonusSchema, amount: Cents }).optional(),
});
export type LedgerLine = z.infer<typeof LedgerLineSchema>;

/** One partner's result for a period: volumes, rank, and every line (in S3 when too many for one item). */
export interface PartnerPeriod {
  periodId: string;
  memberId: string;
  pv: number;
  gv: number;
  active: boolean;
  paidRank: number;
  highestRank: number;
  /** Highest rank before the period (to tell advancements). */
  previousHighestRank: number;
  activeEnrolled: number;
  legs: { partnerId: string; gv: number; legRank: number }[];
  total: number;
  /** Cents by line kind; a kind with no line is absent. */
  byBonus: Partial<Record<LineKind, number>>;
  lines: LedgerLine[];
  /** Set when the lines live in S3 (a partner with very many lines). */
  linesKey?: string;
  lineCount: number;
}
