import { ordersApi } from '@arbor/shared/api/orders';
import { ValidationError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { actorOf, buyerFor } from '../access.js';
import { checkout, quoteCart } from '../checkout.js';
import { loadGiftCards } from '../../payments/gift-cards.js';
import { pointsQuote } from '../../services/rewards.js';

/** Prices a cart (server prices, shipping, tax) and shows how gift cards would cover it. */
export const quote = route(ordersApi.quote, async ({ principal, body }) => {
  const buyer = await buyerFor(principal, body.memberId);
  const priced = await quoteCart(buyer, body.items, body.shippingAddress);
  const cards = await loadGiftCards(body.giftCards, priced.currency);
  let left = priced.total;
  const giftCards = cards.map((card) => {
    const applied = Math.min(card.balance, left);
    left -= applied;
    return { code: `••••${card.code.slice(-4)}`, applied, balance: card.balance };
  });
  const points = await pointsQuote(buyer.id, body.points ?? 0, left);
  return { quote: priced, giftCards, points, cardAmount: left - (points?.amount ?? 0) };
});

/**
 * Places and pays an order: for the caller, or on behalf of a member
 * (support; an upline partner; another system with an orders:write key, which
 * must name the member).
 */
export const placeOrder = route(ordersApi.placeOrder, async ({ principal, body }) => {
  if (principal.apiKey && body.memberId === undefined) {
    throw new ValidationError('body.memberId: an order placed with an API key names its member', [
      { field: 'body.memberId', rule: 'required', message: 'body.memberId: is required with an API key' },
    ]);
  }
  const buyer = await buyerFor(principal, body.memberId);
  const order = await checkout({
    buyer,
    actor: actorOf(principal),
    items: body.items,
    shippingAddress: body.shippingAddress,
    payment: body.payment,
    giftCards: body.giftCards,
    points: body.points,
    expectedTotal: body.expectedTotal,
    idempotencyKey: body.idempotencyKey,
    type: 'shop',
    payLater: body.payLater,
    reason: body.reason,
  });
  return { order };
});
