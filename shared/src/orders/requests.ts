import { z } from 'zod';
import { Address, MemberRef } from '../members/model.js';
import { Currency } from '../money.js';
import { OrderStatus, OrderType } from './model.js';

/** An order in a path: its number. */
export const OrderIdParams = z.object({ id: z.string().regex(/^\d{1,12}$/, 'must be an order number') });

/** A product of the shop in a path. */
export const ShopProductParams = z.object({ sku: z.string().min(1).max(40) });

/** The market whose prices the shop shows: the member's own by default (staff may ask for another). */
export const MarketQuery = z.object({ market: z.string().length(2).toUpperCase().optional() });

/** A member's saved cards in a path: the member's ID or `me`. */
export const PaymentMethodsParams = z.object({ id: MemberRef });
export const PaymentMethodParams = PaymentMethodsParams.extend({ methodId: z.string().min(1).max(60) });

export const GiftCardParams = z.object({ code: z.string().trim().min(4).max(40) });

export const CartItem = z.object({
  sku: z.string().trim().min(1).max(40),
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(999),
});

export const CardInput = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[\d\s-]{12,23}$/, 'must be a card number'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  holder: z.string().trim().min(1).max(80),
});

export const PaymentChoiceBody = z
  .object({
    paymentMethodId: z.string().min(1).optional(),
    card: CardInput.optional(),
    saveCard: z.boolean().optional(),
  })
  .refine((p) => !(p.paymentMethodId && p.card), 'choose a saved card or a new card, not both');

export const QuoteBody = z.object({
  /** Whose cart (staff or an upline partner ordering for a member); the caller by default. */
  memberId: MemberRef.optional(),
  items: z.array(CartItem).min(1, 'the cart is empty').max(50),
  shippingAddress: Address,
  giftCards: z.array(z.string().trim().min(4).max(40)).max(5).default([]),
  /** Reward points to spend (docs/services.md): up to what the member has and what is left after gift cards. */
  points: z.number().int('must be whole points').min(1).max(100_000_000).optional(),
});

export const CheckoutBody = QuoteBody.extend({
  payment: PaymentChoiceBody,
  /** The total the member saw: if it changed, the order is refused (409) rather than charged differently. */
  expectedTotal: z.number().int().min(0).optional(),
  /** A fresh UUID per checkout attempt: resubmitting it never orders or charges twice. */
  idempotencyKey: z.uuid('must be a UUID'),
  /** Staff only: record the order open and take payment later. */
  payLater: z.boolean().optional(),
  /** Staff charging a member's saved card say why (it goes into the member's log). */
  reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
});

export const OrderListQuery = z.object({
  member: MemberRef.optional(),
  /** A status, or `returned`: orders with any refund. */
  status: z.enum([...OrderStatus.options, 'returned']).optional(),
  type: OrderType.optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  cursor: z.string().max(2000).optional(),
});

export const RefundBody = z.object({
  lines: z.array(CartItem).min(1).max(50).optional(),
  reason: z.string().trim().min(3, 'say why, for the order history').max(500),
  /** The tender (index in the order's tenders) to return money to first; newest card first when omitted. */
  tender: z.number().int().min(0).max(50).optional(),
  /** Sending the same refund again (a retry, a double click) refunds once. */
  idempotencyKey: z.string().uuid().optional(),
});

export const CancelBody = z.object({ reason: z.string().trim().min(3).max(500) });
export const ShipmentBody = z.object({ trackingNumber: z.string().trim().min(4).max(60) });
export const PayBody = z.object({
  payment: PaymentChoiceBody,
  /** Staff paying for a member say why (it goes into the member's log). */
  reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
  /** A fresh UUID per payment the caller means to take: sent again (a retry, a double click), it answers the first. */
  idempotencyKey: z.uuid('must be a UUID').optional(),
});
export const AddCardBody = z.object({ card: CardInput });
export const GiftCardIssueBody = z.object({ amount: z.number().int().min(100).max(1_000_000), currency: Currency });
