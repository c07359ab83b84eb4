import { randomUUID } from 'node:crypto';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { formatMoney } from '@arbor/shared/money';
import { canMove, type Order, type OrderStatus, type Refund, type Tender } from '@arbor/shared/orders/model';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { getCompanySettings } from '../company/repository.js';
import { env } from '../lib/env.js';
import { transact, TransactionConditionError } from '../lib/db.js';
import { paymentGateway } from '../payments/sandbox.js';
import { getMember } from '../members/repository.js';
import type { PaymentChoice } from './checkout.js';
import { recordPaymentOfOpenOrder } from './payment.js';
import { orderItem, volumeEventItem } from './repository.js';

const stale = () => new ConflictError('The order changed meanwhile. Reload it and try again.', 'version_conflict');

function refuseMove(order: Order, to: OrderStatus) {
  return new RuleError('invalid_transition', `An order that is ${order.status} cannot become ${to}.`, [
    { field: 'status', rule: 'invalid_transition', message: `status: ${order.status} -> ${to} is not allowed` },
  ]);
}

/** Saves a new version of an order (with extra items in the same transaction), checking the version read. */
async function saveOrder(
  before: Order,
  after: Order,
  extra: NonNullable<Parameters<typeof transact>[0]> = [],
): Promise<Order> {
  const next: Order = { ...after, version: before.version + 1 };
  try {
    await transact([
      {
        Put: {
          TableName: env.tableName(),
          Item: orderItem(next),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        },
      },
      ...extra,
    ]);
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) throw stale();
    throw error;
  }
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
}

/**
 * Refunds lines of a paid order: money goes back card first, then gift cards;
 * the negative volume lands in the period in which the refund happens (not
 * the order's). Shipping is returned only when nothing is left.
 */
export async function refundOrder(
  order: Order,
  request: RefundRequest,
  actorId: string,
  now = new Date(),
): Promise<Order> {
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
  const amount = everything ? order.total - order.refundedTotal : merchandise + taxShare;

  // Money back: card first, then gift cards.
  const refund: Refund = {
    id: randomUUID(),
    at: now.toISOString(),
    actorId,
    lines: wanted,
    amount,
    pv,
    cv,
    reason: request.reason,
  };
  const tenders: Tender[] = order.tenders.map((t) => ({ ...t }));
  const credits: { code: string; amount: number }[] = [];
  let left = amount;
  for (const tender of [
    ...tenders.filter((t) => t.kind === 'card'),
    ...tenders.filter((t) => t.kind === 'gift_card'),
  ]) {
    const available = tender.amount - tender.refunded;
    const take = Math.min(available, left);
    if (take <= 0) continue;
    if (tender.kind === 'card' && tender.transactionId) {
      await paymentGateway().refund({
        transactionId: tender.transactionId,
        amount: take,
        idempotencyKey: `refund:${order.id}:${refund.id}`,
      });
    } else if (tender.giftCardCode) credits.push({ code: tender.giftCardCode, amount: take });
    tender.refunded += take;
    tender.status = tender.refunded === tender.amount ? 'refunded' : 'partially_refunded';
    left -= take;
  }

  const settings = await getCompanySettings();
  const timeZone = settings?.timeZone ?? 'UTC';
  const seq = 2 + order.refunds.length;
  const after: Order = {
    ...order,
    lines,
    tenders,
    refunds: [...order.refunds, refund],
    refundedTotal: order.refundedTotal + amount,
    status: everything ? 'refunded' : order.status,
    history: [
      ...order.history,
      event(
        actorId,
        everything ? 'refunded' : order.status,
        `refunded ${formatMoney({ amount, currency: order.currency })}: ${request.reason}`,
      ),
    ],
  };
  return saveOrder(order, after, [
    ...(order.paidAt
      ? [
          {
            Put: {
              TableName: env.tableName(),
              Item: volumeEventItem({
                orderId: order.id,
                seq,
                kind: 'refund',
                buyerId: order.buyerId,
                ownerId: order.ownerId,
                pv: -pv,
                cv: -cv,
                firstOrder: order.firstOrder,
                at: now.toISOString(),
                month: monthlyPeriodOf(now, timeZone),
                week: weeklyPeriodOf(now, timeZone),
              }),
            },
          },
        ]
      : []),
    ...credits.map((credit) => ({
      Update: {
        TableName: env.tableName(),
        Key: keys.giftCard(credit.code),
        UpdateExpression: 'SET balance = balance + :amount',
        ExpressionAttributeValues: { ':amount': credit.amount },
      },
    })),
  ]);
}

/** Cancels an order not yet shipped; a paid one is refunded in full first. */
export async function cancelOrder(order: Order, reason: string, actorId: string): Promise<Order> {
  if (!canMove(order.status, 'canceled')) throw refuseMove(order, 'canceled');
  const base = order.status === 'paid' ? await refundOrder(order, { reason }, actorId) : order;
  return saveOrder(base, {
    ...base,
    status: 'canceled',
    canceledAt: new Date().toISOString(),
    history: [...base.history, event(actorId, 'canceled', reason)],
  });
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
): Promise<Order> {
  if (!canMove(order.status, 'paid')) throw refuseMove(order, 'paid');
  const buyer = await getMember(order.buyerId);
  if (!buyer) throw new Error(`buyer ${order.buyerId} is missing`);
  return recordPaymentOfOpenOrder(order, buyer, payment, actor);
}
