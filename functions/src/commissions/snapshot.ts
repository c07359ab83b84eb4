import type { MemberInput, OrderInput, PeriodInput } from '@arbor/shared/commissions/input';
import type { Period } from '@arbor/shared/commissions/records';
import { monthKey } from '@arbor/shared/time';
import type { VolumeEvent } from '../orders/repository.js';
import { volumeEventsOfMonth } from './repository/close-input.js';

/** The volume events (sales and refunds) that happened within the period. */
export async function loadVolumeEvents(
  period: Pick<Period, 'start' | 'end'>,
  timeZone: string,
): Promise<VolumeEvent[]> {
  const months = new Set([
    monthKey(new Date(period.start), timeZone),
    monthKey(new Date(Date.parse(period.end) - 1), timeZone),
  ]);
  const parts = await Promise.all([...months].map((month) => volumeEventsOfMonth(month, period.start, period.end)));
  return parts.flat().filter((event) => event.at >= period.start && event.at < period.end);
}

export interface Snapshot {
  input: PeriodInput;
  /** Refunds in this period of orders sold in an earlier one: their lines there are reversed here. */
  laterRefunds: { orderId: string; cv: number; at: string; saleMonth: string; saleWeek: string; originalCv: number }[];
  stats: { members: number; partners: number; orders: number; refunds: number };
}

/**
 * The engine's input for a period: all members, and each order sold in the
 * period net of its refunds in the same period. Refunds of earlier sales are
 * kept apart: the engine never takes negative volume; they become reversal lines.
 */
export function buildSnapshot(
  period: Pick<Period, 'id' | 'kind'>,
  members: MemberInput[],
  events: VolumeEvent[],
  saleOf: (orderId: string) => VolumeEvent | undefined,
): Snapshot {
  const sales = new Map<string, VolumeEvent>();
  const refunds = new Map<string, { pv: number; cv: number; at: string }>();
  for (const event of events) {
    if (event.kind === 'sale') sales.set(event.orderId, event);
    else {
      const sum = refunds.get(event.orderId) ?? { pv: 0, cv: 0, at: event.at };
      refunds.set(event.orderId, { pv: sum.pv + event.pv, cv: sum.cv + event.cv, at: event.at });
    }
  }
  const known = new Set(members.map((m) => m.id));
  const orders: OrderInput[] = [];
  for (const sale of sales.values()) {
    const refund = refunds.get(sale.orderId);
    const pv = Math.max(0, sale.pv + (refund?.pv ?? 0));
    const cv = Math.max(0, sale.cv + (refund?.cv ?? 0));
    if ((pv > 0 || cv > 0) && known.has(sale.buyerId)) {
      orders.push({ id: sale.orderId, buyerId: sale.buyerId, pv, cv, firstOrder: sale.firstOrder });
    }
  }
  const laterRefunds: Snapshot['laterRefunds'] = [];
  for (const [orderId, refund] of refunds) {
    if (sales.has(orderId)) continue;
    const sale = saleOf(orderId);
    if (sale)
      laterRefunds.push({
        orderId,
        cv: -refund.cv,
        at: refund.at,
        saleMonth: sale.month,
        saleWeek: sale.week,
        originalCv: sale.cv,
      });
  }
  return {
    input: { period: { id: period.id, kind: period.kind }, partners: members, orders },
    laterRefunds,
    stats: {
      members: members.length,
      partners: members.filter((m) => m.kind === 'partner').length,
      orders: orders.length,
      refunds: refunds.size,
    },
  };
}
