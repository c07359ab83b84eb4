import { z } from 'zod';
import { Category, KitItem, MarketOffer, Product, Quality } from '../catalog/product.js';
import { Currency } from '../money.js';
import { Order, OrderAmounts, OrderLine } from '../orders/model.js';
import {
  AddCardBody,
  CancelBody,
  CheckoutBody,
  GiftCardParams,
  MarketQuery,
  OrderIdParams,
  OrderListQuery,
  PayBody,
  PaymentMethodParams,
  PaymentMethodsParams,
  QuoteBody,
  RefundBody,
  ShipmentBody,
  ShopProductParams,
} from '../orders/requests.js';
import { pageOf } from '../paging.js';
import { ALL_ROLES, endpoint, IsoDateTime, STAFF } from './endpoint.js';

/** A product as the shop shows it in one market: its price, PV and CV there, its images as URLs to show. */
export const ShopProduct = Product.pick({
  sku: true,
  name: true,
  description: true,
  categories: true,
  qualities: true,
  autoshipEligible: true,
})
  .extend(MarketOffer.shape)
  .extend({ images: z.array(z.string()), kit: z.array(KitItem).nullable() });

/** A priced cart (shared/src/orders/pricing.ts `Quote`): the server's prices, shipping and tax. */
export const Quote = OrderAmounts.extend({
  lines: z.array(OrderLine.omit({ refundedQuantity: true })),
  /** The tax rate that applied to the address, in basis points. */
  taxRateBp: z.number().int(),
});

/** A saved card without its processor token. */
export const PaymentMethod = z.object({
  id: z.string(),
  memberId: z.string(),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  holder: z.string(),
  createdAt: IsoDateTime,
});

/** A gift card as the shop shows it: the last 4 of its code only (`••••0025`). */
const MaskedGiftCardCode = z.string().meta({ description: 'The last 4 characters of the code, e.g. ••••0025' });

/**
 * An order as the caller may read it: the buyer and staff see all of it; an
 * upline sees the area shipped to, not the street, and no card or gift-card
 * references (functions/src/orders/access.ts `orderView`).
 */
const OrderAnswer = z.object({ order: Order });

/** The shop, the cart and checkout, orders and their lifecycle, saved cards and gift-card balances. */
export const ordersApi = {
  listShopProducts: endpoint({
    auth: ALL_ROLES,
    summary: "The shop's catalog: active products sold in the member's market (staff may ask for another).",
    query: MarketQuery,
    response: z.object({
      market: z.string(),
      categories: z.array(Category),
      qualities: z.array(Quality),
      items: z.array(ShopProduct),
    }),
  }),
  getShopProduct: endpoint({
    auth: ALL_ROLES,
    summary: "One product of the shop as sold in the member's market (404 when it is not sold there).",
    params: ShopProductParams,
    query: MarketQuery,
    response: z.object({ product: ShopProduct }),
  }),
  quote: endpoint({
    auth: ALL_ROLES,
    summary: 'Price a cart (server prices, shipping, tax) and show how gift cards and reward points would cover it.',
    body: QuoteBody,
    response: z.object({
      quote: Quote,
      giftCards: z.array(z.object({ code: MaskedGiftCardCode, applied: z.number().int(), balance: z.number().int() })),
      /** What the member's reward points would pay (null when the company takes none; docs/services.md). */
      points: z
        .object({
          balance: z.number().int(),
          pointValue: z.number().int(),
          /** Points that would be spent, and what they pay. */
          applied: z.number().int(),
          amount: z.number().int(),
        })
        .nullable(),
      /** What is left for the card after the gift cards and points. */
      cardAmount: z.number().int(),
    }),
  }),
  placeOrder: endpoint({
    auth: ALL_ROLES,
    summary: 'Place and pay an order: for the caller, or on behalf of a member (support; an upline partner).',
    description:
      'The same idempotencyKey never orders or charges twice: a repeat answers the same order, and a repeat sent while the first is still running gets 409 request_in_progress (try again in a moment). When expectedTotal no longer matches, the order is refused (409). With an API key, memberId names the buyer (required).',
    scope: 'orders:write',
    body: CheckoutBody,
    response: OrderAnswer,
    status: 201,
  }),
  listOrders: endpoint({
    auth: ALL_ROLES,
    summary: "A member's orders, newest first, filtered by status (or returned), type and dates, a page at a time.",
    description: "Staff and API keys without `member` see the company's orders with the same filters.",
    scope: 'orders:read',
    query: OrderListQuery,
    response: pageOf(Order),
  }),
  getOrderDetail: endpoint({
    auth: ALL_ROLES,
    summary: 'One order: its lines, tenders, refunds and history.',
    scope: 'orders:read',
    params: OrderIdParams,
    response: OrderAnswer,
  }),
  invoicePdf: endpoint({
    auth: ALL_ROLES,
    summary: "The order's printable invoice as a PDF (an upline's copy shows the area shipped to, not the street).",
    params: OrderIdParams,
    response: null,
    file: 'application/pdf',
  }),
  cancel: endpoint({
    auth: ALL_ROLES,
    summary: 'Cancel an order not yet shipped (a paid one is refunded): the buyer, or support.',
    params: OrderIdParams,
    body: CancelBody,
    response: OrderAnswer,
  }),
  refund: endpoint({
    auth: STAFF,
    summary: 'Refund an order, whole or some of its lines, to its tenders.',
    params: OrderIdParams,
    body: RefundBody,
    response: OrderAnswer,
  }),
  ship: endpoint({
    auth: STAFF,
    summary: 'Mark a paid order shipped, with its tracking number.',
    params: OrderIdParams,
    body: ShipmentBody,
    response: OrderAnswer,
  }),
  deliver: endpoint({
    auth: STAFF,
    summary: 'Mark a shipped order delivered.',
    params: OrderIdParams,
    response: OrderAnswer,
  }),
  pay: endpoint({
    auth: ALL_ROLES,
    summary: 'Take payment for an open or declined order: the buyer, or support.',
    params: OrderIdParams,
    body: PayBody,
    response: OrderAnswer,
  }),
  listPaymentMethods: endpoint({
    auth: ALL_ROLES,
    summary: "A member's saved cards: the member itself, or staff.",
    params: PaymentMethodsParams,
    response: z.object({ items: z.array(PaymentMethod) }),
  }),
  addPaymentMethod: endpoint({
    auth: ALL_ROLES,
    summary: 'Save a card for a member (kept as a processor token, brand, last 4 and expiry).',
    params: PaymentMethodsParams,
    body: AddCardBody,
    response: z.object({ method: PaymentMethod }),
    status: 201,
  }),
  deletePaymentMethod: endpoint({
    auth: ALL_ROLES,
    summary: "Remove one of a member's saved cards.",
    params: PaymentMethodParams,
    response: null,
    status: 204,
  }),
  giftCardBalance: endpoint({
    auth: ALL_ROLES,
    summary: "A gift card's balance, for checkout (rate limited, so codes cannot be found by trying).",
    params: GiftCardParams,
    response: z.object({ code: MaskedGiftCardCode, balance: z.number().int(), currency: Currency }),
  }),
};
