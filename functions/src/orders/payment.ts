import { ConflictError, RuleError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Order, Tender } from '@arbor/shared/orders/model';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { getCompanySettings } from '../company/repository.js';
import { env } from '../lib/env.js';
import { transact, TransactionConditionError } from '../lib/db.js';
import { getMethod } from '../payments/methods.js';
import { paymentGateway } from '../payments/sandbox.js';
import type { PaymentChoice } from './checkout.js';
import { PaymentDeclinedError } from './errors.js';
import { orderItem, saleVolumeEvent, volumeEventItem } from './repository.js';

/** What is still to be charged on a card: the total less what gift cards already cover. */
export const cardDue = (order: Order) =>
  order.total -
  order.tenders.filter((t) => t.kind === 'gift_card' && t.status === 'approved').reduce((s, t) => s + t.amount, 0);

export interface AttemptResult {
  order: Order;
  declined: PaymentDeclinedError | null;
}

/**
 * One charge attempt on an open (or declined) order, with the caller's
 * idempotency key: a replayed attempt gets the processor's first answer and
 * no second charge. Approved: the order becomes paid with its volume, in one
 * transaction. Declined: the attempt is recorded on the order.
 */
export async function attemptPayment(
  order: Order,
  buyer: Member,
  card: { token: string; label: string; paymentMethodId?: string },
  actorId: string,
  idempotencyKey: string,
  now = new Date(),
): Promise<AttemptResult> {
  const amount = cardDue(order);
  const result = await paymentGateway().charge({
    token: card.token,
    amount,
    currency: order.currency,
    idempotencyKey,
    description: `Order ${order.id}`,
  });
  const at = now.toISOString();
  const tender: Tender = {
    kind: 'card',
    amount,
    label: card.label,
    ...(card.paymentMethodId ? { paymentMethodId: card.paymentMethodId } : {}),
    ...(result.status === 'approved' ? { transactionId: result.transactionId } : { declineCode: result.code }),
    status: result.status === 'approved' ? 'approved' : 'declined',
    refunded: 0,
  };
  if (result.status === 'declined') {
    const declinedOrder: Order = {
      ...order,
      status: 'declined',
      tenders: [...order.tenders, tender],
      history: [...order.history, { at, actorId, status: 'declined', note: result.message }],
      version: order.version + 1,
    };
    await saveVersion(order, declinedOrder, []);
    return { order: declinedOrder, declined: new PaymentDeclinedError(result.code, result.message) };
  }
  const settings = await getCompanySettings();
  const timeZone = settings?.timeZone ?? 'UTC';
  const paidOrder = (first: boolean): Order => ({
    ...order,
    status: 'paid',
    firstOrder: first,
    tenders: [...order.tenders, tender],
    paidAt: at,
    paidMonth: monthlyPeriodOf(now, timeZone),
    paidWeek: weeklyPeriodOf(now, timeZone),
    history: [...order.history, { at, actorId, status: 'paid' }],
    version: order.version + 1,
  });
  const write = async (first: boolean) => {
    const paid = paidOrder(first);
    await saveVersion(order, paid, [
      {
        Put: {
          TableName: env.tableName(),
          Item: volumeEventItem(saleVolumeEvent(paid)),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: env.tableName(),
          Key: keys.member(buyer.id),
          UpdateExpression: first ? 'SET firstPaidAt = :at' : 'SET lastOrderAt = :at',
          ...(first ? { ConditionExpression: 'attribute_not_exists(firstPaidAt) OR firstPaidAt = :null' } : {}),
          ExpressionAttributeValues: first ? { ':at': at, ':null': null } : { ':at': at },
        },
      },
    ]);
    return paid;
  };
  try {
    return { order: await write(true), declined: null };
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.every((i) => i === 2)) {
      return { order: await write(false), declined: null };
    }
    throw error;
  }
}

async function saveVersion(before: Order, after: Order, extra: NonNullable<Parameters<typeof transact>[0]>) {
  try {
    await transact([
      {
        Put: {
          TableName: env.tableName(),
          Item: orderItem(after),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        },
      },
      ...extra,
    ]);
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) {
      throw new ConflictError('The order changed meanwhile. Reload it and try again.', 'version_conflict');
    }
    throw error;
  }
}

/** Support takes a payment (or the member retries) on an open or declined order. */
export async function recordPaymentOfOpenOrder(
  order: Order,
  buyer: Member,
  payment: PaymentChoice,
  actor: { id: string; staff: boolean },
): Promise<Order> {
  const attempt = order.tenders.filter((t) => t.kind === 'card').length + 1;
  let card: { token: string; label: string; paymentMethodId?: string };
  if (payment.paymentMethodId) {
    const method = await getMethod(buyer.id, payment.paymentMethodId);
    card = { token: method.token, label: `${method.brand} ••••${method.last4}`, paymentMethodId: method.id };
  } else if (payment.card) {
    const token = await paymentGateway().tokenize(payment.card);
    card = { token: token.token, label: `${token.brand} ••••${token.last4}` };
  } else {
    throw new RuleError('payment_required', 'Choose a saved card or enter one.', [
      { field: 'body.payment', rule: 'payment_required', message: 'body.payment: is required' },
    ]);
  }
  const result = await attemptPayment(order, buyer, card, actor.id, `order:${order.id}:attempt:${attempt}`);
  if (result.declined) throw result.declined;
  return result.order;
}
