import { randomUUID } from 'node:crypto';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { formatMoney } from '@arbor/shared/money';
import { canMove, type Order, type OrderStatus, type Refund, type Tender } from '@arbor/shared/orders/model';
import { allocateRefund, applyRefund, refundable, refundableTotal } from '@arbor/shared/orders/refunds';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { orderRefundedEvent } from '@arbor/shared/integrations/events';
import { getCompanySettings } from '../company/repository.js';
import type { TableWrite } from '../lib/db.js';
import { giftCardCreditWrite } from '../payments/repository.js';
import { paymentGateway } from '../payments/sandbox.js';
import { outboxWrite } from '../integrations/repository.js';
import { refundRewardWrites } from '../services/rewards.js';
import { getMember } from '../members/repository.js';
import type { PaymentChoice } from './checkout.js';
import { onBehalfLog, recordPaymentOfOpenOrder } from './payment.js';
import { getOrder, saveOrderVersion, volumeEventWrite } from './repository.js';

function refuseMove(order: Order, to: OrderStatus) {
  return new RuleError('invalid_transition', `An order that is ${order.status} cannot become ${to}.`, [
    { field: 'status', rule: 'invalid_transition', message: `status: ${order.status} -> ${to} is not allowed` },
  ]);
}

/** Saves a new version of an order (with extra items in the same transaction), checking the version read. */
async function saveOrder(before: Order, after: Order, extra: TableWrite[] = []): Promise<Order> {
  const next: Order = { ...after, version: before.version + 1 };
  await saveOrderVersion(before, next, extra);
  return next;
}

const event = (actorId: string, status: OrderStatus, note?: string) => ({
  at: new Date().toISOString(),
  actorId,
  status,
  ...(note ? { note } : {}),
});

export interface RefundRequest {
  /** Lines and quantities to refund; all that is left when omitted. */
  lines?: { sku: string; quantity: number }[] | undefined;
  reason: string;
  /** The tender to return money to first (index in the order's tenders). */
  tender?: number | undefined;
  /** The caller's key for this refund: the same key again refunds once. */
  idempotencyKey?: string | undefined;
}

type Extra = TableWrite[];

interface RefundPlan {
  /** The order with the refund claimed: lines, tenders and totals moved, card parts pending. */
  after: Order;
  refund: Refund;
  /** Written in the claim's transaction: the negative volume, gift-card credits, the member's log. */
  extra: Extra;
}

/**
 * Plans a refund of lines of a paid order: which tenders give back how much
 * (only tenders that captured money, never more than each captured), and the
 * negative volume in the period in which the refund happens (not the
 * order's). Shipping is returned only when nothing is left. Pure but for the
 * company's time zone.
 */
async function planRefund(order: Order, request: RefundRequest, actorId: string, now: Date): Promise<RefundPlan> {
  if (!['paid', 'shipped', 'delivered'].includes(order.status)) throw refuseMove(order, 'refunded');
  const wanted =
    request.lines ??
    order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity - l.refundedQuantity })).filter((l) => l.quantity > 0);
  if (wanted.length === 0) throw new RuleError('nothing_to_refund', 'Everything on this order is refunded already.');
  const lines = order.lines.map((l) => ({ ...l }));
  let merchandise = 0;
  let pv = 0;
  let cv = 0;
  for (const [index, want] of wanted.entries()) {
    const line = lines.find((l) => l.sku === want.sku.toUpperCase());
    const left = line ? line.quantity - line.refundedQuantity : 0;
    if (!line || want.quantity < 1 || want.quantity > left) {
      throw new RuleError('refund_exceeds', `Line ${want.sku} has ${left} left to refund.`, [
        {
          field: `body.lines.${index}.quantity`,
          rule: 'refund_exceeds',
          message: `body.lines.${index}.quantity: at most ${left}`,
        },
      ]);
    }
    line.refundedQuantity += want.quantity;
    merchandise += line.unitPrice * want.quantity;
    pv += line.unitPv * want.quantity;
    cv += line.unitCv * want.quantity;
  }
  const everything = lines.every((l) => l.refundedQuantity === l.quantity);
  // Tax follows the merchandise's share (half up); the last refund returns whatever is left, so cents add up.
  const taxShare = Math.floor((order.tax * merchandise * 2 + order.subtotal) / (2 * Math.max(1, order.subtotal)));
  const amount = Math.min(
    everything ? order.total - order.refundedTotal : merchandise + taxShare,
    refundableTotal(order.tenders),
  );
  if (request.tender !== undefined && refundable(order.tenders[request.tender] ?? emptyTender) <= 0) {
    throw new RuleError('tender_not_refundable', `Tender ${request.tender} has nothing to give back.`, [
      {
        field: 'body.tender',
        rule: 'tender_not_refundable',
        message: 'body.tender: took no money or gave it all back',
      },
    ]);
  }
  const parts = allocateRefund(order.tenders, amount, request.tender);
  if (!parts) throw new Error(`order ${order.id}: tenders cannot cover a refund of ${amount}`);

  const at = now.toISOString();
  const refund: Refund = {
    id: request.idempotencyKey ?? randomUUID(),
    at,
    actorId,
    lines: wanted,
    amount,
    pv,
    cv,
    reason: request.reason,
    parts: parts.map((part) => ({ ...part, status: part.kind === 'card' ? 'pending' : 'settled' })),
  };
  const settings = await getCompanySettings();
  const timeZone = settings?.timeZone ?? 'UTC';
  const money = formatMoney({ amount, currency: order.currency });
  const after: Order = {
    ...order,
    lines,
    tenders: applyRefund(order.tenders, parts),
    refunds: [...order.refunds, refund],
    refundedTotal: order.refundedTotal + amount,
    status: everything ? 'refunded' : order.status,
    history: [
      ...order.history,
      event(actorId, everything ? 'refunded' : order.status, `refunded ${money}: ${request.reason}`),
    ],
  };
  const extra: Extra = [
    ...(order.paidAt
      ? [
          volumeEventWrite({
            orderId: order.id,
            seq: 2 + order.refunds.length,
            kind: 'refund',
            buyerId: order.buyerId,
            ownerId: order.ownerId,
            pv: -pv,
            cv: -cv,
            firstOrder: order.firstOrder,
            at,
            month: monthlyPeriodOf(now, timeZone),
            week: weeklyPeriodOf(now, timeZone),
          }),
        ]
      : []),
    ...parts
      .filter((part) => part.kind === 'gift_card')
      .map((part) => giftCardCreditWrite(order.tenders[part.tenderIndex]!.giftCardCode!, part.amount)),
    ...onBehalfLog(
      order,
      actorId,
      'order.refund',
      { amount, currency: order.currency, refundId: refund.id },
      request.reason,
      at,
    ),
    // Points back to a points tender, and the refunded share of the points the order earned taken back.
    ...refundRewardWrites(order, after, parts, refund.id, actorId, at),
  ];
  return { after, refund, extra };
}

const emptyTender: Tender = { kind: 'card', amount: 0, label: '', status: 'declined', refunded: 0 };

/**
 * Sends the pending card parts of the order's refunds to the gateway, each
 * with its own idempotency key (refund, tender), then marks them settled. The
 * refund was claimed on the order first, so N parallel or retried requests
 * get one claim and one movement of money; a crash between the claim and the
 * gateway leaves the part pending, and the next refund, cancel or settle call
 * on the order sends it (the key makes a repeat harmless).
 */
export async function settleRefunds(order: Order): Promise<Order> {
  let current = order;
  for (let tries = 0; tries < 5; tries++) {
    const pending = current.refunds.flatMap((refund) =>
      (refund.parts ?? []).filter((part) => part.status === 'pending').map((part) => ({ refund, part })),
    );
    if (pending.length === 0) return current;
    const done = new Map<string, string>();
    for (const { refund, part } of pending) {
      const tender = current.tenders[part.tenderIndex]!;
      const { refundId } = await paymentGateway().refund({
        transactionId: tender.transactionId!,
        amount: part.amount,
        idempotencyKey: `refund:${current.id}:${refund.id}:${part.tenderIndex}`,
      });
      done.set(`${refund.id}:${part.tenderIndex}`, refundId);
    }
    const settled: Order = {
      ...current,
      refunds: current.refunds.map((refund) => ({
        ...refund,
        ...(refund.parts
          ? {
              parts: refund.parts.map((part) => {
                const refundId = done.get(`${refund.id}:${part.tenderIndex}`);
                return refundId && part.status === 'pending' ? { ...part, status: 'settled' as const, refundId } : part;
              }),
            }
          : {}),
      })),
    };
    try {
      return await saveOrder(current, settled);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone else moved the order meanwhile (maybe settling too): read it again and settle what is left.
      const fresh = await getOrder(current.id);
      if (!fresh) throw error;
      current = fresh;
    }
  }
  return current;
}

/** A refund already made with this key answers with the order as it is: the same request refunds once. */
async function replayOf(order: Order, idempotencyKey: string | undefined): Promise<Order | null> {
  if (!idempotencyKey || !order.refunds.some((refund) => refund.id === idempotencyKey)) return null;
  return settleRefunds(order);
}

/**
 * Refunds lines of a paid order. The refund is claimed on the order first (a
 * conditional write on the version read, with the volume, gift-card credits,
 * the member's log and the order.refunded event in the same transaction); only then does money go back
 * through the gateway. Card first (newest first, or the tender the agent
 * picked), then gift cards.
 */
export async function refundOrder(
  order: Order,
  request: RefundRequest,
  actorId: string,
  now = new Date(),
): Promise<Order> {
  const replay = await replayOf(order, request.idempotencyKey);
  if (replay) return replay;
  const plan = await planRefund(order, request, actorId, now);
  const extra = [...plan.extra, outboxWrite(orderRefundedEvent(plan.after, plan.refund))];
  return settleRefunds(await saveOrder(order, plan.after, extra));
}

/**
 * Cancels an order not yet shipped. A paid one is refunded in full in the same
 * claim (one conditional write moves it to canceled with its refund), so
 * parallel cancels refund once.
 */
export async function cancelOrder(order: Order, reason: string, actorId: string, now = new Date()): Promise<Order> {
  if (!canMove(order.status, 'canceled')) throw refuseMove(order, 'canceled');
  const at = now.toISOString();
  if (order.status !== 'paid') {
    return saveOrder(
      order,
      { ...order, status: 'canceled', canceledAt: at, history: [...order.history, event(actorId, 'canceled', reason)] },
      onBehalfLog(order, actorId, 'order.cancel', {}, reason, at),
    );
  }
  const plan = await planRefund(order, { reason }, actorId, now);
  const canceled: Order = {
    ...plan.after,
    status: 'canceled',
    canceledAt: at,
    history: [...plan.after.history, event(actorId, 'canceled', reason)],
  };
  const extra = [
    ...plan.extra,
    ...onBehalfLog(order, actorId, 'order.cancel', {}, reason, at),
    outboxWrite(orderRefundedEvent(canceled, plan.refund)),
  ];
  return settleRefunds(await saveOrder(order, canceled, extra));
}

export async function shipOrder(order: Order, trackingNumber: string, actorId: string): Promise<Order> {
  if (!canMove(order.status, 'shipped')) throw refuseMove(order, 'shipped');
  return saveOrder(order, {
    ...order,
    status: 'shipped',
    trackingNumber,
    shippedAt: new Date().toISOString(),
    history: [...order.history, event(actorId, 'shipped', `tracking ${trackingNumber}`)],
  });
}

export async function deliverOrder(order: Order, actorId: string): Promise<Order> {
  if (!canMove(order.status, 'delivered')) throw refuseMove(order, 'delivered');
  return saveOrder(order, {
    ...order,
    status: 'delivered',
    deliveredAt: new Date().toISOString(),
    history: [...order.history, event(actorId, 'delivered')],
  });
}

/** Takes payment for an open or declined order (support on the phone, or the member retrying). */
export async function payOrder(
  order: Order,
  payment: PaymentChoice,
  actor: { id: string; staff: boolean },
  reason?: string,
): Promise<Order> {
  if (!canMove(order.status, 'paid')) throw refuseMove(order, 'paid');
  const buyer = await getMember(order.buyerId);
  if (!buyer) throw new Error(`buyer ${order.buyerId} is missing`);
  return recordPaymentOfOpenOrder(order, buyer, payment, actor, reason);
}
