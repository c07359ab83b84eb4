import { ConflictError, ForbiddenError, RuleError } from '@arbor/shared/errors';
import type { Address, Member } from '@arbor/shared/members/model';
import type { Order, Tender } from '@arbor/shared/orders/model';
import { priceLines, quoteTotals, type CartLine, type Quote } from '@arbor/shared/orders/pricing';
import { newOrder } from '@arbor/shared/orders/build';
import { orderPaidEvent } from '@arbor/shared/integrations/events';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { productsBySku } from '../catalog/repository.js';
import { getCompanySettings } from '../company/repository.js';
import { sendEmail } from '../email/send.js';
import { orderConfirmationEmail } from '../email/templates.js';
import { keyReusedError, once } from '../lib/idempotency.js';
import { count, countCharge } from '../lib/metrics.js';
import type { CardInput } from '../payments/gateway.js';
import { outboxWrite } from '../integrations/repository.js';
import { appendMemberLog } from '../members/repository.js';
import { giftCardLabel, loadGiftCards } from '../payments/gift-cards.js';
import { getMethod, saveCard } from '../payments/methods.js';
import { giftCardDebitWrite } from '../payments/repository.js';
import { paymentGateway } from '../payments/sandbox.js';
import { earnedBy, orderRewardWrites, pointsTender, prepareRewards, type OrderRewards } from '../services/rewards.js';
import { PaymentDeclinedError } from './errors.js';
import { onBehalfLog } from './payment.js';
import { checkoutMarkWrite, checkoutOrderId, getOrder, insertOrder, nextOrderId } from './repository.js';
import { shippingRuleFor } from './shipping-rules.js';
import { RateTableTaxProvider, type TaxProvider } from './tax-provider.js';

const taxProvider: TaxProvider = new RateTableTaxProvider();

async function companyContext(market: string) {
  const settings = await getCompanySettings();
  if (!settings) throw new Error('company settings are missing');
  const marketInfo = settings.markets.find((m) => m.code === market);
  if (!marketInfo) {
    throw new RuleError('market_closed', `The company does not sell in ${market}.`, [
      { field: 'body.market', rule: 'market_closed', message: `body.market: not sold in ${market}` },
    ]);
  }
  return { settings, currency: marketInfo.currency };
}

/**
 * Prices a cart for a member: the server's price list, the market's shipping
 * rule and the tax for the address. Every line problem is reported at once.
 */
export async function quoteCart(
  buyer: Member,
  items: readonly CartLine[],
  address: Address,
  options: { forAutoship?: boolean; fieldPrefix?: string } = {},
): Promise<Quote> {
  const { currency } = await companyContext(buyer.market);
  const products = await productsBySku();
  const { lines, problems } = priceLines(items, products, buyer.market, buyer.language, options);
  if (problems.length > 0) {
    throw new RuleError('cart_invalid', problems.map((p) => p.message).join('; '), problems);
  }
  if (address.country !== buyer.market) {
    throw new RuleError('market_mismatch', `Orders in the ${buyer.market} market ship within ${buyer.market}.`, [
      {
        field: 'body.shippingAddress.country',
        rule: 'market_mismatch',
        message: `body.shippingAddress.country: must be ${buyer.market}`,
      },
    ]);
  }
  const [rule, rate] = await Promise.all([shippingRuleFor(buyer.market), taxProvider.rateFor(address)]);
  return quoteTotals(lines, buyer.market, currency, rule, rate);
}

export interface PaymentChoice {
  paymentMethodId?: string | undefined;
  card?: CardInput | undefined;
  saveCard?: boolean | undefined;
}

export interface CheckoutInput {
  buyer: Member;
  /** Who is placing it: the buyer, support, or an upline partner. */
  actor: { id: string; staff: boolean };
  items: CartLine[];
  shippingAddress: Address;
  payment: PaymentChoice;
  giftCards: string[];
  /** Reward points to spend (docs/services.md). */
  points?: number | undefined;
  /** The total the member saw and agreed to; a different total now is a 409, not a surprise charge. */
  expectedTotal?: number | undefined;
  /** Submitting the same checkout twice (double click, retry) makes one order and one charge. */
  idempotencyKey: string;
  type: Order['type'];
  autoshipId?: string;
  /** Staff only: record the order open, to take payment later. */
  payLater?: boolean | undefined;
  /** Staff charging the member's saved card: why (it goes into the member's log). */
  reason?: string | undefined;
  now?: Date;
}

/**
 * The idempotency record of a checkout is the caller's: the same key sent by
 * someone else is someone else's checkout (a new order, or a 409), never a
 * replay of the first caller's order. The gateway's key follows it.
 */
export const scopedCheckoutKey = (actorId: string, idempotencyKey: string) => `${actorId}:${idempotencyKey}`;

const KEY_FIELD = 'body.idempotencyKey';

async function existingCheckout(input: CheckoutInput, scopedKey: string): Promise<Order | null> {
  const orderId = await checkoutOrderId(scopedKey);
  if (!orderId) return null;
  const order = await getOrder(orderId);
  if (order && order.buyerId !== input.buyer.id) throw keyReusedError(KEY_FIELD);
  return order;
}

/**
 * The token to charge: a saved card of the buyer, or a card typed now (saved
 * if asked). A saved card is spent only by its owner, or by staff with a
 * reason that goes into the member's log; an upline ordering for its team
 * pays with a card it types.
 */
async function resolveCard(
  input: CheckoutInput,
  orderId: string,
): Promise<{ token: string; label: string; paymentMethodId?: string }> {
  const { payment, buyer, actor } = input;
  if (payment.paymentMethodId) {
    if (actor.id !== buyer.id) {
      if (!actor.staff) throw new ForbiddenError('A saved card is used only by the member it belongs to.');
      if (!input.reason) {
        throw new RuleError('reason_required', 'Say why you charge the member’s saved card, for its log.', [
          { field: 'body.reason', rule: 'reason_required', message: 'body.reason: is required to charge a saved card' },
        ]);
      }
    }
    const method = await getMethod(buyer.id, payment.paymentMethodId);
    if (actor.id !== buyer.id) {
      await appendMemberLog(buyer.id, {
        actorId: actor.id,
        action: 'support.saved_card_used',
        detail: { orderId, paymentMethodId: method.id, last4: method.last4 },
        ...(input.reason ? { reason: input.reason } : {}),
      });
    }
    return { token: method.token, label: `${method.brand} ••••${method.last4}`, paymentMethodId: method.id };
  }
  if (payment.card) {
    if (payment.saveCard && actor.id === buyer.id) {
      const method = await saveCard(buyer.id, payment.card);
      return { token: method.token, label: `${method.brand} ••••${method.last4}`, paymentMethodId: method.id };
    }
    const token = await paymentGateway().tokenize(payment.card);
    return { token: token.token, label: `${token.brand} ••••${token.last4}` };
  }
  throw new RuleError('payment_required', 'Choose a saved card or enter one.', [
    {
      field: 'body.payment',
      rule: 'payment_required',
      message: 'body.payment: a card is needed for the amount not covered by gift cards',
    },
  ]);
}

/**
 * Checkout: price on the server, charge, and record the paid order, its
 * volume and the gift-card debits in one transaction. A decline writes
 * nothing. The card is charged before the order is written, with an
 * idempotency key derived from the checkout's, so a retry finds the same
 * charge; if the write then fails (a gift card spent meanwhile), the charge
 * is refunded.
 *
 * The same checkout sent again (double click, a client's retry) is one
 * request (Powertools idempotency on the caller's key, lib/idempotency.ts):
 * while it runs the copies get a 409 `request_in_progress`, afterwards the
 * order it made; the same key for another buyer is a 409
 * `idempotency_key_reused`. The checkout mark written in the order's own
 * transaction stays the durable answer: it outlives the idempotency record
 * and covers a process that died after writing the order but before its
 * idempotency record was completed.
 */
export const checkout = once(
  {
    use: 'checkout',
    key: (input: CheckoutInput) => scopedCheckoutKey(input.actor.id, input.idempotencyKey),
    sameRequest: (input) => input.buyer.id,
    // Longer than the API's 29 s.
    leaseSeconds: 60,
    keepSeconds: 24 * 3600,
    field: KEY_FIELD,
  },
  placeOrder,
);

async function placeOrder(input: CheckoutInput): Promise<Order> {
  const key = scopedCheckoutKey(input.actor.id, input.idempotencyKey);
  const replay = await existingCheckout(input, key);
  if (replay) return replay;
  if (input.payLater && !input.actor.staff) throw new ForbiddenError('Only support can record an order to pay later.');

  const now = input.now ?? new Date();
  const quote = await quoteCart(input.buyer, input.items, input.shippingAddress, {
    forAutoship: input.type === 'autoship',
  });
  if (input.expectedTotal !== undefined && input.expectedTotal !== quote.total) {
    throw new ConflictError(
      `The total is now ${quote.total} (in cents) instead of the ${input.expectedTotal} you saw: prices or tax changed. Review the cart and confirm again.`,
      'price_changed',
      [
        {
          field: 'body.expectedTotal',
          rule: 'price_changed',
          message: `body.expectedTotal: the total is now ${quote.total}`,
        },
      ],
    );
  }

  const { settings, currency } = await companyContext(input.buyer.market);
  const giftCards = await loadGiftCards(input.giftCards, currency);
  const tenders: Tender[] = [];
  let remaining = quote.total;
  for (const card of giftCards) {
    const amount = Math.min(card.balance, remaining);
    if (amount <= 0) break;
    tenders.push({
      kind: 'gift_card',
      amount,
      label: giftCardLabel(card.code),
      giftCardCode: card.code,
      status: 'approved',
      refunded: 0,
    });
    remaining -= amount;
  }
  if (input.points) {
    if (input.payLater) {
      throw new RuleError('points_pay_later', 'Reward points pay an order paid now, not one recorded to pay later.', [
        { field: 'body.points', rule: 'points_pay_later', message: 'body.points: not with payLater' },
      ]);
    }
    const points = await pointsTender(input.buyer.id, input.points, remaining);
    if (points) {
      tenders.push(points);
      remaining -= points.amount;
    }
  }

  const id = await nextOrderId();
  let charged: { transactionId: string } | null = null;
  if (remaining > 0 && !input.payLater) {
    const card = await resolveCard(input, id);
    const result = await paymentGateway().charge({
      token: card.token,
      amount: remaining,
      currency,
      idempotencyKey: `checkout:${key}`,
      description: `Order ${id}`,
    });
    countCharge(result.status);
    if (result.status === 'declined') throw new PaymentDeclinedError(result.code, result.message);
    charged = { transactionId: result.transactionId };
    tenders.push({
      kind: 'card',
      amount: remaining,
      label: card.label,
      ...(card.paymentMethodId ? { paymentMethodId: card.paymentMethodId } : {}),
      transactionId: result.transactionId,
      status: 'approved',
      refunded: 0,
    });
  }

  const paid = !input.payLater;
  const at = now.toISOString();
  const built = newOrder({
    id,
    type: input.type,
    buyer: input.buyer,
    placedById: input.actor.id,
    autoshipId: input.autoshipId,
    quote,
    shippingAddress: input.shippingAddress,
    tenders,
    createdAt: at,
    paid: paid
      ? { at, month: monthlyPeriodOf(now, settings.timeZone), week: weeklyPeriodOf(now, settings.timeZone) }
      : undefined,
    note: input.actor.id !== input.buyer.id ? 'placed on behalf of the member' : undefined,
  });
  // What the order renews and earns (docs/services.md), written in its own transaction.
  const rewards = await prepareRewards(built);
  const earned = paid ? earnedBy(rewards, built) : 0;
  const order: Order = earned > 0 ? { ...built, pointsEarned: earned } : built;

  const refundCharge = async () => {
    if (!charged) return;
    await paymentGateway().refund({
      transactionId: charged.transactionId,
      amount: remaining,
      idempotencyKey: `checkout-failed:${key}`,
    });
  };
  let outcome: Awaited<ReturnType<typeof recordOrder>>;
  try {
    outcome = await recordOrder(order, key, tenders, rewards, input.reason);
  } catch (error) {
    await refundCharge();
    throw error;
  }
  if (outcome === 'marked') {
    // The same checkout was recorded by a concurrent request (with the same charge).
    const winner = await existingCheckout(input, key);
    if (winner) return winner;
  }
  if (outcome !== 'inserted') {
    await refundCharge();
    if (giftCards.length === 0 && tenders.some((t) => t.kind === 'points')) {
      throw new ConflictError(
        'The reward points were spent elsewhere meanwhile; nothing was charged. Check the balance and try again.',
        'points_changed',
      );
    }
    throw new ConflictError(
      'A gift card was used elsewhere meanwhile; nothing was charged. Check the balances and try again.',
      'gift_card_changed',
    );
  }
  count('OrdersPlaced');
  const saved = (await getOrder(order.id)) ?? order;
  await sendEmail(orderConfirmationEmail(input.buyer, saved)).catch(() => undefined);
  return saved;
}

/**
 * Writes a new order with its checkout mark, gift-card and points debits, the member's
 * log when someone else placed it and, when paid, its volume, the points it earns, the services it renews, its order.paid
 * event and the buyer's first-payment date, in one transaction (the orders
 * store decides the buyer's first paid order inside it).
 */
function recordOrder(order: Order, idempotencyKey: string, tenders: Tender[], rewards: OrderRewards, reason?: string) {
  return insertOrder(order, checkoutMarkWrite(idempotencyKey, order), (final) => [
    // An order placed for the member by someone else (staff, an upline) is in the member's log, with the order.
    ...onBehalfLog(
      order,
      order.placedById,
      'order.placed',
      { amount: order.total, currency: order.currency, status: order.status },
      reason,
      order.createdAt,
    ),
    ...tenders
      .filter((t) => t.kind === 'gift_card' && t.giftCardCode)
      .map((t) => giftCardDebitWrite(t.giftCardCode!, t.amount)),
    // Points spent and earned, services renewed (docs/services.md): with the order or not at all.
    ...orderRewardWrites(rewards, final, { spend: true }),
    // The order.paid event (webhooks) is written with the payment or not at all.
    ...(final.status === 'paid' ? [outboxWrite(orderPaidEvent(final))] : []),
  ]);
}
