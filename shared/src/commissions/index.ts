export { computePeriod, computePreparedPeriod, type ComputeOptions } from './engine.js';
export {
  preparePeriod,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  PERIOD_KINDS,
  type MemberInput,
  type MemberKind,
  type MemberStatus,
  type OrderInput,
  type PeriodInput,
  type PeriodKind,
  type PreparedPeriod,
} from './input.js';
export { PeriodInputError, type PeriodInputRule } from './input-error.js';
export { BONUSES, type Bonus } from './line-table.js';
export { toPeriodOutput, writePeriodOutput, type PeriodOutput } from './output.js';
export { DEFAULT_PLAN, PlanRankSchema, PlanSchema, type Plan, type PlanDocument, type PlanRank } from './plan.js';
export {
  meetsRank,
  measureRank,
  qualifiedRankIndex,
  type QualificationMetrics,
  type RankMeasure,
} from './qualification.js';
export { rankProgress, type PartnerRankMetrics, type RankProgress, type Requirement } from './rank-progress.js';
export type {
  BonusTotals,
  CommissionLine,
  CommissionLines,
  LegDetail,
  PartnerResult,
  PartnerResults,
  PeriodResult,
} from './result.js';
export { MAX_ORDER_CV, roundedShare } from './rounding.js';
