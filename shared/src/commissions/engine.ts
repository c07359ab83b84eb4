import { bonusesPaidIn, perBonus } from './bonuses.js';
import { payFastStart } from './fast-start.js';
import { preparePeriod, type PeriodInput, type PreparedPeriod } from './input.js';
import { LineTable } from './line-table.js';
import { payRankAdvancement } from './rank-advancement.js';
import { settleRanks } from './ranks.js';
import { CommissionLines, emptyPartnerResults, legDetail, partnerResults, type PeriodResult } from './result.js';
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
 * The engine: the bonuses the plan pays in this kind of period (plan.bonusPeriods,
 * docs/compensation-plan.md "Which period pays what"), in BONUSES order. Volumes and ranks are
 * computed only when the period pays a bonus that reads them (unilevel, rank advancement). Pure,
 * linear in members + orders (times the plan's levels and ranks), and iterative however deep the
 * trees are.
 */
export function computePreparedPeriod(prepared: PreparedPeriod, options: ComputeOptions = {}): PeriodResult {
  // Most months pay a few lines per order; the table doubles when that is not enough.
  const lines = new LineTable(prepared.orders.count * 2 + prepared.members.count / 8);
  const base = { periodId: prepared.periodId, kind: prepared.kind };
  const pays = new Set(bonusesPaidIn(prepared.plan, prepared.kind));

  if (!pays.has('unilevel') && !pays.has('rankAdvancement')) {
    if (pays.has('fastStart')) payFastStart(prepared, lines);
    return { ...base, partners: emptyPartnerResults(), legDetail: null, ...summary(prepared, lines) };
  }

  const volumes = computeVolumes(prepared);
  const ranks = settleRanks(prepared, volumes);
  if (pays.has('unilevel')) payUnilevel(prepared, volumes, ranks, lines);
  if (pays.has('fastStart')) payFastStart(prepared, lines);
  if (pays.has('rankAdvancement')) payRankAdvancement(prepared, ranks, lines);
  const partners = partnerResults(prepared, volumes, ranks);
  return {
    ...base,
    partners,
    legDetail: options.withLegDetail ? legDetail(prepared, volumes, partners, ranks) : null,
    ...summary(prepared, lines),
  };
}

function summary(prepared: PreparedPeriod, lines: LineTable) {
  return {
    lines: new CommissionLines(lines, prepared),
    breakage: lines.breakage.reduce((sum, cents) => sum + cents, 0),
    breakageByBonus: perBonus((_, i) => lines.breakage[i]!),
    totals: perBonus((_, i) => lines.totals[i]!),
  };
}
