import { payFastStart } from './fast-start.js';
import { preparePeriod, type PeriodInput, type PreparedPeriod } from './input.js';
import { FAST_START, LineTable, RANK_ADVANCEMENT, UNILEVEL } from './line-table.js';
import { payRankAdvancement } from './rank-advancement.js';
import { settleRanks } from './ranks.js';
import {
  CommissionLines,
  emptyPartnerResults,
  legDetail,
  partnerResults,
  type BonusTotals,
  type PeriodResult,
} from './result.js';
import { payUnilevel } from './unilevel.js';
import { computeVolumes } from './volumes.js';

export interface ComputeOptions {
  /**
   * Keep what rank progress needs (activeEnrolled, each leg's GV and legRank)
   * reachable through `result.legDetail`. It only holds on to arrays the
   * engine builds anyway, so it costs memory, not time.
   */
  withLegDetail?: boolean;
}

/** Validates a period input (throwing PeriodInputError) and computes it. */
export function computePeriod(input: PeriodInput, options: ComputeOptions = {}): PeriodResult {
  return computePreparedPeriod(preparePeriod(input), options);
}

/**
 * The engine: volumes, ranks, unilevel and rank advancement for a monthly
 * period, fast start for a weekly one. Pure, linear in members + orders (times
 * the plan's levels and ranks), and iterative however deep the trees are.
 */
export function computePreparedPeriod(prepared: PreparedPeriod, options: ComputeOptions = {}): PeriodResult {
  // Most months pay a few lines per order; the table doubles when that is not enough.
  const lines = new LineTable(prepared.orders.count * 2 + prepared.members.count / 8);
  const base = { periodId: prepared.periodId, kind: prepared.kind };

  if (prepared.kind === 'weekly') {
    payFastStart(prepared, lines);
    return { ...base, partners: emptyPartnerResults(), legDetail: null, ...summary(prepared, lines) };
  }

  const volumes = computeVolumes(prepared);
  const ranks = settleRanks(prepared, volumes);
  payUnilevel(prepared, volumes, ranks, lines);
  payRankAdvancement(prepared, ranks, lines);
  const partners = partnerResults(prepared, volumes, ranks);
  return {
    ...base,
    partners,
    legDetail: options.withLegDetail ? legDetail(prepared, volumes, partners, ranks) : null,
    ...summary(prepared, lines),
  };
}

function summary(prepared: PreparedPeriod, lines: LineTable) {
  const byBonus = (values: readonly number[]): BonusTotals => ({
    unilevel: values[UNILEVEL]!,
    fastStart: values[FAST_START]!,
    rankAdvancement: values[RANK_ADVANCEMENT]!,
  });
  const breakageByBonus = byBonus(lines.breakage);
  return {
    lines: new CommissionLines(lines, prepared),
    breakage: breakageByBonus.unilevel + breakageByBonus.fastStart + breakageByBonus.rankAdvancement,
    breakageByBonus,
    totals: byBonus(lines.totals),
  };
}
