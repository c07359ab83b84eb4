import { z } from 'zod';

/**
 * The plan's bonuses, declared once (docs/compensation-plan.md, "Bonuses"). This is their order
 * everywhere: the engine's line table indexes bonuses by it, the engine pays them in it, and
 * every total, statement, table and chart lists them in it.
 */
export const BONUSES = ['unilevel', 'fastStart', 'rankAdvancement'] as const;
export const BonusSchema = z.enum(BONUSES);
export type Bonus = z.infer<typeof BonusSchema>;

/**
 * What a ledger line is: a bonus the plan paid, or a reversal. A reversal is not a plan bonus
 * (the engine never pays one and the plan has no rule for it): the close adds it when an order
 * paid in an earlier period is refunded (functions/src/commissions/results.ts). Reversals come
 * after the bonuses.
 */
export const LINE_KINDS = [...BONUSES, 'reversal'] as const;
export const LineKindSchema = z.enum(LINE_KINDS);
export type LineKind = z.infer<typeof LineKindSchema>;

/** Calendar months and ISO weeks (shared/src/periods.ts). */
export const PERIOD_KINDS = ['monthly', 'weekly'] as const;
export const PeriodKindSchema = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

/**
 * Which kind of period pays each bonus when the plan does not say (docs/compensation-plan.md,
 * "Which period pays what"): the plan's `bonusPeriods` defaults to this.
 */
export const DEFAULT_BONUS_PERIODS: Readonly<Record<Bonus, PeriodKind>> = {
  unilevel: 'monthly',
  fastStart: 'weekly',
  rankAdvancement: 'monthly',
};

/** The bonuses a period of this kind pays under the plan, in BONUSES order. */
export function bonusesPaidIn(plan: { bonusPeriods: Readonly<Record<Bonus, PeriodKind>> }, kind: PeriodKind): Bonus[] {
  return BONUSES.filter((bonus) => plan.bonusPeriods[bonus] === kind);
}

/** Cents by bonus. */
export type BonusTotals = Record<Bonus, number>;

/** An object with one entry per key, in the keys' order (`perBonus`, `perLineKind`). */
function keyed<K extends string, T>(keys: readonly K[], value: (key: K, index: number) => T): Record<K, T> {
  return Object.fromEntries(keys.map((key, i) => [key, value(key, i)])) as Record<K, T>;
}

/** One entry per bonus, in BONUSES order; `index` is the bonus's place in BONUSES. */
export const perBonus = <T>(value: (bonus: Bonus, index: number) => T): Record<Bonus, T> => keyed(BONUSES, value);

/** One entry per line kind (the bonuses, then reversal). */
export const perLineKind = <T>(value: (kind: LineKind, index: number) => T): Record<LineKind, T> =>
  keyed(LINE_KINDS, value);
