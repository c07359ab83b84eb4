import { z } from 'zod';
import { Money } from '../money.js';
import { StoredAddress } from '../members/model.js';

export const OrderStatus = z.enum(['open', 'paid', 'shipped', 'delivered', 'declined', 'canceled', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderType = z.enum(['shop', 'autoship']);
export type OrderType = z.infer<typeof OrderType>;

export const OrderLine = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  unitPrice: z.number().int(),
  unitPv: z.number().int(),
  unitCv: z.number().int(),
  lineTotal: z.number().int(),
  /** Units refunded so far. */
  refundedQuantity: z.number().int().min(0),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Tender = z.object({
  kind: z.enum(['card', 'gift_card', 'points']),
  amount: z.number().int(),
  /** Card: brand and last 4 of the saved method; gift card: last 4 of its code. */
  label: z.string(),
  paymentMethodId: z.string().optional(),
  giftCardCode: z.string().optional(),
  /** Reward points spent (a points tender; its amount is what they paid, docs/services.md). */
  points: z.number().int().min(1).optional(),
  transactionId: z.string().optional(),
  status: z.enum(['pending', 'approved', 'declined', 'refunded', 'partially_refunded']),
  declineCode: z.string().optional(),
  /** The gateway idempotency key of a card attempt: a pending attempt is finished by charging with it again. */
  idempotencyKey: z.string().optional(),
  refunded: z.number().int().min(0),
});
export type Tender = z.infer<typeof Tender>;

export const OrderEvent = z.object({
  at: z.string(),
  actorId: z.string(),
  status: OrderStatus,
  note: z.string().optional(),
});

export const Refund = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })),
  amount: z.number().int(),
  pv: z.number().int(),
  cv: z.number().int(),
  reason: z.string(),
  /**
   * Where the money went back, per tender. A card part is `pending` from the
   * moment the refund is claimed on the order until the gateway confirms it;
   * refunds from before parts were kept lack them.
   */
  parts: z
    .array(
      z.object({
        tenderIndex: z.number().int().min(0),
        kind: z.enum(['card', 'gift_card', 'points']),
        amount: z.number().int().min(1),
        status: z.enum(['pending', 'settled']),
        refundId: z.string().optional(),
      }),
    )
    .optional(),
});
export type Refund = z.infer<typeof Refund>;

/** An order with everything needed to explain it later: prices, volumes and tenders as charged. */
export const Order = z.object({
  id: z.string(),
  type: OrderType,
  status: OrderStatus,
  buyerId: z.string(),
  /** The buyer's display name when the order was placed, for lists (orders from before it lack it). */
  buyerName: z.string().optional(),
  /** Whose PV the order is: the buyer if a partner, else the buyer's sponsor. */
  ownerId: z.string(),
  /** Who placed it, when not the buyer (support, or an upline partner). */
  placedById: z.string(),
  autoshipId: z.string().optional(),
  market: z.string().length(2),
  currency: Money.shape.currency,
  lines: z.array(OrderLine).min(1),
  subtotal: z.number().int(),
  shipping: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  pv: z.number().int(),
  cv: z.number().int(),
  shippingAddress: StoredAddress,
  tenders: z.array(Tender),
  /** The buyer's first paid order (pays fast start, not unilevel). */
  firstOrder: z.boolean(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  /** Commission periods of the payment, in the company time zone. */
  paidMonth: z.string().nullable(),
  paidWeek: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  canceledAt: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  refunds: z.array(Refund),
  refundedTotal: z.number().int(),
  /** Reward points the order earned when paid (a refund takes back its share; docs/services.md). */
  pointsEarned: z.number().int().min(0).optional(),
  history: z.array(OrderEvent),
  version: z.number().int().min(1),
});
export type Order = z.infer<typeof Order>;

/** What an order comes to: its market and currency, money (minor units) and volumes; a quote and the order.paid event carry these. */
export const OrderAmounts = Order.pick({
  market: true,
  currency: true,
  subtotal: true,
  shipping: true,
  tax: true,
  total: true,
  pv: true,
  cv: true,
});

/** The lifecycle, in one place: from each status, the statuses it may move to. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  open: ['paid', 'declined', 'canceled'],
  declined: ['paid', 'canceled'],
  paid: ['shipped', 'canceled', 'refunded'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  canceled: [],
  refunded: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus) => TRANSITIONS[from].includes(to);
