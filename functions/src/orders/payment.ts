import { RuleError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import type { Order, Tender } from '@arbor/shared/orders/model';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { getCompanySettings } from '../company/repository.js';
import type { TableWrite } from '../lib/db.js';
import { countCharge } from '../lib/metrics.js';
import { getMethod } from '../payments/methods.js';
import { paymentGateway } from '../payments/sandbox.js';
import type { PaymentChoice } from './checkout.js';
import { PaymentDeclinedError } from './errors.js';
import { saveOrderVersion, savePaidVersion } from './repository.js';
import { memberLogWrite } from '../members/repository.js';
import { formatMoney } from '@arbor/shared/money';
import { orderPaidEvent } from '@arbor/shared/integrations/events';
import { outboxWrite } from '../integrations/repository.js';
import { earnedBy, orderRewardWrites, prepareRewards } from '../services/rewards.js';

/** What is still to be charged on a card: the total less what gift cards and points already cover. */
export const cardDue = (order: Order) =>
  order.total -
  order.tenders.filter((t) => t.kind !== 'card' && t.status === 'approved').reduce((s, t) => s + t.amount, 0);

export interface AttemptResult {
  order: Order;
  declined: PaymentDeclinedError | null;
}

export interface CardToCharge {
  token: string;
  label: string;
  paymentMethodId?: string;
}

/**
 * One charge attempt on an open (or declined) order. The attempt is claimed on
 * the order first: a pending card tender carrying the gateway idempotency key
 * is written with a condition on the version read, so of N parallel or
 * retried attempts one claims and the others get a 409 without touching the
 * gateway. Then the card is charged with that key. Approved: the order becomes
 * paid with its volume and its order.paid event, in one transaction. Declined: the attempt is recorded.
 * A crash after the claim leaves the pending tender; the next attempt on the
 * order finishes it with the same key (the gateway answers as it did, or
 * charges now), never a second charge.
 */
export async function attemptPayment(
  order: Order,
  buyer: Member,
  card: CardToCharge,
  actorId: string,
  idempotencyKey: string,
  now = new Date(),
  reason?: string,
): Promise<AttemptResult> {
  const unfinished = order.tenders.findIndex((t) => t.kind === 'card' && t.status === 'pending');
  let claimed: Order;
  let index: number;
  if (unfinished >= 0) {
    claimed = order;
    index = unfinished;
  } else {
    const pending: Tender = {
      kind: 'card',
      amount: cardDue(order),
      label: card.label,
      ...(card.paymentMethodId ? { paymentMethodId: card.paymentMethodId } : {}),
      status: 'pending',
      idempotencyKey,
      refunded: 0,
    };
    claimed = { ...order, tenders: [...order.tenders, pending], version: order.version + 1 };
    index = claimed.tenders.length - 1;
    await saveOrderVersion(order, claimed);
  }
  // A resumed attempt charges the card chosen now under the claimed key: the gateway answers a key it saw as it did.
  const tender: Tender = {
    ...claimed.tenders[index]!,
    label: card.label,
    ...(card.paymentMethodId ? { paymentMethodId: card.paymentMethodId } : {}),
  };
  const result = await paymentGateway().charge({
    token: card.token,
    amount: tender.amount,
    currency: order.currency,
    idempotencyKey: tender.idempotencyKey ?? idempotencyKey,
    description: `Order ${order.id}`,
  });
  countCharge(result.status);
  const at = now.toISOString();
  const finished: Tender = {
    ...tender,
    ...(result.status === 'approved' ? { transactionId: result.transactionId } : { declineCode: result.code }),
    status: result.status === 'approved' ? 'approved' : 'declined',
  };
  const tenders = claimed.tenders.map((t, i) => (i === index ? finished : t));
  const money = formatMoney({ amount: tender.amount, currency: order.currency });
  const log = (action: string) =>
    onBehalfLog(
      order,
      actorId,
      action,
      { amount: tender.amount, currency: order.currency, card: tender.label },
      reason,
      at,
    );
  if (result.status === 'declined') {
    const declinedOrder: Order = {
      ...claimed,
      status: 'declined',
      tenders,
      history: [...claimed.history, { at, actorId, status: 'declined', note: result.message }],
      version: claimed.version + 1,
    };
    await saveOrderVersion(claimed, declinedOrder, log('order.payment_declined'));
    return { order: declinedOrder, declined: new PaymentDeclinedError(result.code, result.message) };
  }
  const settings = await getCompanySettings();
  const timeZone = settings?.timeZone ?? 'UTC';
  // What the payment renews and earns (docs/services.md), written in the paid version's transaction.
  const rewards = await prepareRewards(claimed);
  const earned = earnedBy(rewards, claimed);
  const paidOrder = (first: boolean): Order => ({
    ...claimed,
    status: 'paid',
    firstOrder: first,
    tenders,
    paidAt: at,
    paidMonth: monthlyPeriodOf(now, timeZone),
    paidWeek: weeklyPeriodOf(now, timeZone),
    history: [...claimed.history, { at, actorId, status: 'paid', note: `paid ${money}` }],
    ...(earned > 0 ? { pointsEarned: earned } : {}),
    version: claimed.version + 1,
  });
  const paid = await savePaidVersion(claimed, paidOrder, (final) => [
    ...log('order.payment'),
    ...orderRewardWrites(rewards, final, { spend: false }),
    outboxWrite(orderPaidEvent(final)),
  ]);
  return { order: paid, declined: null };
}

/**
 * The member's log entry for a money movement done by someone else (support,
 * an admin, an upline), written in the same transaction as the movement.
 */
export function onBehalfLog(
  order: Order,
  actorId: string,
  action: string,
  detail: Record<string, unknown>,
  reason: string | undefined,
  at: string,
): TableWrite[] {
  if (actorId === order.buyerId || actorId === 'system') return [];
  return [
    memberLogWrite(order.buyerId, {
      at,
      actorId,
      action,
      detail: { orderId: order.id, ...detail },
      ...(reason ? { reason } : {}),
    }),
  ];
}

/** Support takes a payment (or the member retries) on an open or declined order. */
export async function recordPaymentOfOpenOrder(
  order: Order,
  buyer: Member,
  payment: PaymentChoice,
  actor: { id: string; staff: boolean },
  reason?: string,
): Promise<Order> {
  if (actor.staff && actor.id !== buyer.id && !reason) {
    throw new RuleError('reason_required', 'Say why you take this payment for the member: it goes into its log.', [
      { field: 'body.reason', rule: 'required', message: 'body.reason: is required when staff pay for a member' },
    ]);
  }
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
  const result = await attemptPayment(
    order,
    buyer,
    card,
    actor.id,
    `order:${order.id}:attempt:${attempt}`,
    new Date(),
    reason,
  );
  if (result.declined) throw result.declined;
  return result.order;
}
