import { z } from 'zod';
import { BONUSES, DEFAULT_BONUS_PERIODS, PeriodKindSchema, type Bonus } from './bonuses.js';

/**
 * The compensation plan as data (docs/compensation-plan.md). Every number the engine uses
 * comes from here, so a company changes its plan by editing this document.
 */

const NonNegativeInt = z.number().int().min(0);

/** A rate in basis points (1 bp = 0.01 %); above 100 % is never a valid plan. */
const BasisPoints = z.number().int().min(0).max(10_000);

export const PlanRankSchema = z.strictObject({
  rank: z.number().int().min(1),
  name: z.string().min(1),
  /** Personal volume needed, in points. */
  pv: NonNegativeInt,
  /** Group volume needed after leg caps, in points. */
  gv: NonNegativeInt,
  /** A leg counts for at most this percent of `gv`; null (or absent) means no cap. */
  maxLegPct: z.number().int().min(1).max(100).nullable().default(null),
  /** Active partners personally enrolled. */
  activeEnrolled: NonNegativeInt,
  /** Legs whose best paid rank is at least `minRank`; null (or absent) means no leg rule. */
  legs: z
    .strictObject({ count: z.number().int().min(1), minRank: z.number().int().min(1) })
    .nullable()
    .default(null),
  /** Deepest unilevel level this rank is paid on. */
  unilevelDepth: NonNegativeInt,
  /** One-time bonus in cents for reaching this rank for the first time. */
  advancementBonus: NonNegativeInt,
});

/**
 * The kind of period (monthly or weekly) that pays each bonus. Optional in a document, and so is
 * each bonus in it: what is left out keeps its default (DEFAULT_BONUS_PERIODS: fast start weekly,
 * unilevel and rank advancement monthly), so plans written before the field existed compute as
 * they did (docs/compensation-plan.md, "Which period pays what").
 */
export const BonusPeriodsSchema = z
  .strictObject(
    Object.fromEntries(BONUSES.map((bonus) => [bonus, PeriodKindSchema.default(DEFAULT_BONUS_PERIODS[bonus])])) as {
      [B in Bonus]: z.ZodDefault<typeof PeriodKindSchema>;
    },
  )
  .prefault({});

export const PlanSchema = z
  .strictObject({
    /** PV a partner needs in the period to be active. */
    activePv: NonNegativeInt,
    /** Unilevel rate of level k at index k-1. */
    unilevelRatesBp: z.array(BasisPoints),
    /** Fast start rate of sponsor level k at index k-1. */
    fastStartRatesBp: z.array(BasisPoints),
    /** Which kind of period pays each bonus. */
    bonusPeriods: BonusPeriodsSchema,
    /** Lowest first; the lowest rank has no requirements. */
    ranks: z.array(PlanRankSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    const { ranks } = plan;
    // Members start at rank 1 (members/model.ts) and an input's highestRank defaults to 1,
    // so every plan's lowest rank is 1.
    if (ranks[0] && ranks[0].rank !== 1) {
      ctx.addIssue({ code: 'custom', path: ['ranks', 0, 'rank'], message: 'the lowest rank must be rank 1' });
    }
    for (let i = 1; i < ranks.length; i++) {
      const previous = ranks[i - 1]!.rank;
      const current = ranks[i]!.rank;
      if (current <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: ['ranks', i, 'rank'],
          message: `ranks must be unique and in ascending order (rank ${current} follows rank ${previous})`,
        });
      }
    }
    const rankNumbers = new Set(ranks.map((r) => r.rank));
    ranks.forEach((r, i) => {
      if (r.legs && !rankNumbers.has(r.legs.minRank)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ranks', i, 'legs', 'minRank'],
          message: `minRank ${r.legs.minRank} is not one of the plan's ranks`,
        });
      }
    });
  });

/** A validated plan (optional fields filled in). */
export type Plan = z.infer<typeof PlanSchema>;
export type PlanRank = z.infer<typeof PlanRankSchema>;
/** A plan as written in a document, before defaults are applied. */
export type PlanDocument = z.input<typeof PlanSchema>;

/** The default plan (docs/compensation-plan.md, "The default plan"). */
export const DEFAULT_PLAN: Plan = {
  activePv: 50,
  unilevelRatesBp: [500, 500, 500, 500, 500, 400, 300],
  fastStartRatesBp: [2000, 500],
  bonusPeriods: { ...DEFAULT_BONUS_PERIODS },
  ranks: [
    {
      rank: 1,
      name: 'Partner',
      pv: 0,
      gv: 0,
      maxLegPct: null,
      activeEnrolled: 0,
      legs: null,
      unilevelDepth: 1,
      advancementBonus: 0,
    },
    {
      rank: 2,
      name: 'Bronze',
      pv: 50,
      gv: 300,
      maxLegPct: null,
      activeEnrolled: 2,
      legs: null,
      unilevelDepth: 2,
      advancementBonus: 0,
    },
    {
      rank: 3,
      name: 'Silver',
      pv: 100,
      gv: 1000,
      maxLegPct: 60,
      activeEnrolled: 3,
      legs: null,
      unilevelDepth: 3,
      advancementBonus: 0,
    },
    {
      rank: 4,
      name: 'Gold',
      pv: 100,
      gv: 3000,
      maxLegPct: 60,
      activeEnrolled: 4,
      legs: { count: 1, minRank: 3 },
      unilevelDepth: 5,
      advancementBonus: 10_000,
    },
    {
      rank: 5,
      name: 'Platinum',
      pv: 100,
      gv: 10_000,
      maxLegPct: 50,
      activeEnrolled: 5,
      legs: { count: 2, minRank: 4 },
      unilevelDepth: 6,
      advancementBonus: 25_000,
    },
    {
      rank: 6,
      name: 'Diamond',
      pv: 100,
      gv: 30_000,
      maxLegPct: 40,
      activeEnrolled: 6,
      legs: { count: 3, minRank: 5 },
      unilevelDepth: 7,
      advancementBonus: 100_000,
    },
  ],
};
