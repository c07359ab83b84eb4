import type { Address } from '../members/model.js';
import type { Order, Tender } from './model.js';
import type { Quote } from './pricing.js';

export interface NewOrder {
  id: string;
  type: Order['type'];
  buyer: { id: string; kind: string; sponsorId: string | null; displayName: string };
  placedById: string;
  autoshipId?: string | undefined;
  quote: Quote;
  shippingAddress: Address;
  tenders: Tender[];
  createdAt: string;
  /** When the order is paid as it is created: the time and its commission periods. */
  paid?: { at: string; month: string; week: string } | undefined;
  note?: string | undefined;
}

/** Whose PV an order is: the buyer if a partner, else the buyer's sponsor (docs/compensation-plan.md, "owner"). */
export const ownerOf = (buyer: NewOrder['buyer']) =>
  buyer.kind === 'partner' ? buyer.id : (buyer.sponsorId ?? buyer.id);

/** An order from a priced cart, open or paid: the one place an order's fields are put together. */
export function newOrder(input: NewOrder): Order {
  const status = input.paid ? 'paid' : 'open';
  return {
    id: input.id,
    type: input.type,
    status,
    buyerId: input.buyer.id,
    buyerName: input.buyer.displayName,
    ownerId: ownerOf(input.buyer),
    placedById: input.placedById,
    ...(input.autoshipId ? { autoshipId: input.autoshipId } : {}),
    market: input.quote.market,
    currency: input.quote.currency,
    lines: input.quote.lines.map(({ weightGrams: _weight, ...line }) => ({ ...line, refundedQuantity: 0 })),
    subtotal: input.quote.subtotal,
    shipping: input.quote.shipping,
    tax: input.quote.tax,
    total: input.quote.total,
    pv: input.quote.pv,
    cv: input.quote.cv,
    shippingAddress: input.shippingAddress,
    tenders: input.tenders,
    firstOrder: false,
    createdAt: input.createdAt,
    paidAt: input.paid?.at ?? null,
    paidMonth: input.paid?.month ?? null,
    paidWeek: input.paid?.week ?? null,
    shippedAt: null,
    deliveredAt: null,
    canceledAt: null,
    trackingNumber: null,
    refunds: [],
    refundedTotal: 0,
    history: [{ at: input.createdAt, actorId: input.placedById, status, ...(input.note ? { note: input.note } : {}) }],
    version: 1,
  };
}
