import type { Bonus } from '@arbor/shared/commissions/bonuses';
import type { LedgerLine, PartnerPeriod, PeriodTotals } from '@arbor/shared/commissions/records';
import type { PeriodInput } from '@arbor/shared/commissions/input';
import type { PeriodResult } from '@arbor/shared/commissions/result';

/** For each order, the lines it paid: `[recipientId, bonus, amount]` (what a later reversal needs). */
export type LinesByOrder = Record<string, [string, Bonus, number][]>;

export interface Reversal {
  recipientId: string;
  line: LedgerLine;
}

/**
 * Turns the engine's result into one record per partner (volumes, rank, legs
 * and every line with its source) plus the reversals of earlier periods, and
 * the per-order index later reversals will read.
 */
export function partnerPeriods(
  input: PeriodInput,
  result: PeriodResult,
  reversals: readonly Reversal[],
): { partners: PartnerPeriod[]; byOrder: LinesByOrder; totals: PeriodTotals } {
  const records = new Map<string, PartnerPeriod>();
  const previousHighest = new Map(input.partners.map((m) => [m.id, m.highestRank ?? 1]));
  const blank = (id: string): PartnerPeriod => ({
    periodId: result.periodId,
    memberId: id,
    pv: 0,
    gv: 0,
    active: false,
    paidRank: 1,
    highestRank: previousHighest.get(id) ?? 1,
    previousHighestRank: previousHighest.get(id) ?? 1,
    activeEnrolled: 0,
    legs: [],
    total: 0,
    byBonus: {},
    lines: [],
    lineCount: 0,
  });
  for (const partner of result.partners) {
    const metrics = result.legDetail?.metricsOf(partner.id);
    records.set(partner.id, {
      ...blank(partner.id),
      pv: partner.pv,
      gv: partner.gv,
      active: partner.active,
      paidRank: partner.paidRank,
      highestRank: partner.highestRank,
      activeEnrolled: metrics?.activeEnrolled ?? 0,
      legs: (metrics?.legs ?? []).map((leg) => ({ partnerId: leg.partnerId ?? '', gv: leg.gv, legRank: leg.legRank })),
    });
  }
  const byOrder: LinesByOrder = {};
  const add = (recipientId: string, line: LedgerLine) => {
    let record = records.get(recipientId);
    if (!record) records.set(recipientId, (record = blank(recipientId)));
    record.lines.push(line);
    record.lineCount++;
    record.total += line.amount;
    record.byBonus[line.bonus] = (record.byBonus[line.bonus] ?? 0) + line.amount;
  };
  for (const line of result.lines) {
    add(line.recipientId, {
      bonus: line.bonus,
      amount: line.amount,
      sourceOrderId: line.sourceOrderId,
      sourcePartnerId: line.sourcePartnerId,
      level: line.level,
      rateBp: line.rateBp,
      cv: line.cv,
      rank: line.rank,
      compressedIds: [...line.compressedIds],
    });
    if (line.sourceOrderId) (byOrder[line.sourceOrderId] ??= []).push([line.recipientId, line.bonus, line.amount]);
  }
  let reversed = 0;
  for (const reversal of reversals) {
    add(reversal.recipientId, reversal.line);
    reversed += reversal.line.amount;
  }
  const partners = [...records.values()];
  return {
    partners,
    byOrder,
    totals: {
      ...result.totals,
      reversal: reversed,
      breakage: result.breakage,
      payees: partners.filter((p) => p.total !== 0).length,
      lines: result.lines.length + reversals.length,
      partners: input.partners.filter((m) => m.kind === 'partner').length,
      orders: input.orders.length,
    },
  };
}

/**
 * The lines that undo, in proportion to the refunded CV, what an order paid
 * in an earlier (finalized) period. Amounts round half up, in cents.
 */
export function reversalsFor(
  refund: { orderId: string; cv: number; originalCv: number },
  paid: readonly [string, Bonus, number][],
  sourcePeriodId: string,
): Reversal[] {
  if (refund.originalCv <= 0 || refund.cv <= 0) return [];
  return paid
    .map(([recipientId, bonus, amount]) => {
      const back = Math.floor((amount * refund.cv * 2 + refund.originalCv) / (2 * refund.originalCv));
      return {
        recipientId,
        line: {
          bonus: 'reversal' as const,
          amount: -Math.min(back, amount),
          sourceOrderId: refund.orderId,
          sourcePartnerId: recipientId,
          level: 0,
          rateBp: 0,
          cv: -refund.cv,
          rank: null,
          compressedIds: [],
          reverses: { periodId: sourcePeriodId, bonus, amount },
        },
      };
    })
    .filter((r) => r.line.amount !== 0);
}
