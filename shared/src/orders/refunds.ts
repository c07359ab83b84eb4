import type { Tender } from './model.js';

/** One tender's share of a refund: card parts go back through the gateway, gift-card parts to the card's balance. */
export interface RefundPart {
  tenderIndex: number;
  kind: Tender['kind'];
  amount: number;
}

/**
 * Whether a tender took money that can go back: an approved card charge (it
 * has a gateway transaction) or an approved gift-card debit. Declined and
 * pending attempts took nothing, so nothing is ever refunded to them.
 */
export const captured = (tender: Tender): boolean =>
  (tender.status === 'approved' || tender.status === 'partially_refunded' || tender.status === 'refunded') &&
  (tender.kind === 'gift_card'
    ? Boolean(tender.giftCardCode)
    : tender.kind === 'points'
      ? Boolean(tender.points)
      : Boolean(tender.transactionId));

/** What a tender can still give back: what it captured less what went back already. */
export const refundable = (tender: Tender): number => (captured(tender) ? tender.amount - tender.refunded : 0);

/** The most a refund of this order can return. */
export const refundableTotal = (tenders: readonly Tender[]): number =>
  tenders.reduce((sum, tender) => sum + refundable(tender), 0);

/**
 * Splits a refund over the tenders that captured money: the tender the agent
 * picked first (if any), then cards newest first, then gift cards newest
 * first, then reward points. No part exceeds what its tender can still give back; when the
 * tenders cannot cover `amount`, the answer is null (nothing to split).
 */
export function allocateRefund(tenders: readonly Tender[], amount: number, preferred?: number): RefundPart[] | null {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`refund amount ${amount} is not whole minor units`);
  const newestFirst = tenders.map((tender, index) => ({ tender, index })).reverse();
  const order = [
    ...newestFirst.filter(({ index }) => index === preferred),
    ...newestFirst.filter(({ tender, index }) => index !== preferred && tender.kind === 'card'),
    ...newestFirst.filter(({ tender, index }) => index !== preferred && tender.kind === 'gift_card'),
    ...newestFirst.filter(({ tender, index }) => index !== preferred && tender.kind === 'points'),
  ];
  const parts: RefundPart[] = [];
  let left = amount;
  for (const { tender, index } of order) {
    if (left === 0) break;
    const take = Math.min(refundable(tender), left);
    if (take <= 0) continue;
    parts.push({ tenderIndex: index, kind: tender.kind, amount: take });
    left -= take;
  }
  return left === 0 ? parts : null;
}

/** The tenders after the parts went back: refunded grows, the status says how much is left. */
export function applyRefund(tenders: readonly Tender[], parts: readonly RefundPart[]): Tender[] {
  const next = tenders.map((tender) => ({ ...tender }));
  for (const part of parts) {
    const tender = next[part.tenderIndex]!;
    tender.refunded += part.amount;
    tender.status = tender.refunded >= tender.amount ? 'refunded' : 'partially_refunded';
  }
  return next;
}
