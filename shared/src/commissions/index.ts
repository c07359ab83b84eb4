export {
  BONUSES,
  BonusSchema,
  bonusesPaidIn,
  DEFAULT_BONUS_PERIODS,
  LINE_KINDS,
  LineKindSchema,
  PERIOD_KINDS,
  PeriodKindSchema,
  perBonus,
  perLineKind,
  type Bonus,
  type BonusTotals,
  type LineKind,
  type PeriodKind,
} from './bonuses.js';
export { computePeriod, computePreparedPeriod, type ComputeOptions } from './engine.js';
export {
  preparePeriod,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  type MemberInput,
  type MemberKind,
  type MemberStatus,
  type OrderInput,
  type PeriodInput,
  type PreparedPeriod,
} from './input.js';
export { PeriodInputError, type PeriodInputRule } from './input-error.js';
export { toPeriodOutput, writePeriodOutput, type PeriodOutput } from './output.js';
export {
  BonusPeriodsSchema,
  DEFAULT_PLAN,
  PlanRankSchema,
  PlanSchema,
  type Plan,
  type PlanDocument,
  type PlanRank,
} from './plan.js';
export {
  meetsRank,
  measureRank,
  qualifiedRankIndex,
  type QualificationMetrics,
  type RankMeasure,
} from './qualification.js';
export { rankProgress, type PartnerRankMetrics, type RankProgress, type Requirement } from './rank-progress.js';
export type {
  CommissionLine,
  CommissionLines,
  LegDetail,
  PartnerResult,
  PartnerResults,
  PeriodResult,
} from './result.js';
export { MAX_ORDER_CV, roundedShare } from './rounding.js';
