import { z } from 'zod';
import { PeriodKindSchema } from '../commissions/bonuses.js';
import { Currency } from '../money.js';
import { Language, MemberKind, type Member } from '../members/model.js';
import { Order, OrderAmounts, OrderStatus, type Refund } from '../orders/model.js';

/**
 * The events a webhook endpoint can subscribe to, and what each one carries.
 * An event is written in the same transaction as the change it reports (the
 * outbox, functions/src/integrations), so one happens exactly when the other
 * does; docs/integrations.md shows the payloads to integrators.
 */
export const WEBHOOK_EVENT_TYPES = [
  'member.enrolled',
  'order.paid',
  'order.refunded',
  'autoship.declined',
  'period.finalized',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

const Id = z.string().min(1);
const Instant = z.string().min(1);

export const MemberEnrolledData = z.object({
  memberId: Id,
  kind: MemberKind,
  level: z.string(),
  market: z.string(),
  language: Language,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  sponsorId: Id.nullable(),
  placementId: Id.nullable(),
  enrolledAt: Instant,
});

const EventOrderLine = z.object({
  sku: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineTotal: z.number().int(),
});

/** What the paid order comes to, as the order model has it, with ids and lines in the event's own words. */
export const OrderPaidData = OrderAmounts.extend({
  orderId: Id,
  memberId: Id,
  type: Order.shape.type,
  autoshipId: Id.nullable(),
  lines: z.array(EventOrderLine),
  paidAt: Instant,
});

export const OrderRefundedData = z.object({
  orderId: Id,
  memberId: Id,
  refundId: Id,
  currency: Currency,
  amount: z.number().int(),
  pv: z.number().int(),
  cv: z.number().int(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  /** The order's status after the refund: `refunded` when nothing is left, `canceled` for a cancel. */
  orderStatus: OrderStatus,
  refundedTotal: z.number().int(),
  refundedAt: Instant,
});

export const AutoshipDeclinedData = z.object({
  autoshipId: Id,
  memberId: Id,
  orderId: Id,
  runDate: z.string(),
  attempt: z.number().int().min(1),
  /** No more retries for this run: the smart order moved on to its next date. */
  final: z.boolean(),
  nextAttemptDate: z.string().nullable(),
  declineCode: z.string(),
  message: z.string(),
});

export const PeriodFinalizedData = z.object({
  periodId: Id,
  kind: PeriodKindSchema,
  start: Instant,
  end: Instant,
  finalizedAt: Instant,
});

export const EVENT_DATA = {
  'member.enrolled': MemberEnrolledData,
  'order.paid': OrderPaidData,
  'order.refunded': OrderRefundedData,
  'autoship.declined': AutoshipDeclinedData,
  'period.finalized': PeriodFinalizedData,
} as const satisfies Record<WebhookEventType, z.ZodType>;

export type EventData<T extends WebhookEventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** What an endpoint receives as the JSON body of a delivery. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventData<T>;
}

export const WebhookEvent = z
  .object({
    id: z.string().regex(/^evt_[0-9a-z]{25}$/),
    type: WebhookEventType,
    occurredAt: Instant,
    data: z.unknown(),
  })
  .superRefine((event, context) => {
    const parsed = EVENT_DATA[event.type].safeParse(event.data);
    for (const issue of parsed.error?.issues ?? []) context.addIssue({ ...issue, path: ['data', ...issue.path] });
  });

/**
 * An event id: `evt_`, the time in base 36 (nine characters, so ids sort by
 * time) and 64 random bits.
 */
export function newEventId(at: Date): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return `evt_${at.getTime().toString(36).padStart(9, '0')}${hex}`;
}

/** A new event of a type, its data checked against the type's schema (a wrong payload is a bug, thrown here). */
export function newEvent<T extends WebhookEventType>(type: T, data: EventData<T>, occurredAt: string): WebhookEvent<T> {
  return {
    id: newEventId(new Date(occurredAt)),
    type,
    occurredAt,
    data: EVENT_DATA[type].parse(data) as EventData<T>,
  };
}

export const memberEnrolledEvent = (member: Member) =>
  newEvent(
    'member.enrolled',
    {
      memberId: member.id,
      kind: member.kind,
      level: member.level,
      market: member.market,
      language: member.language,
      firstName: member.firstName,
      lastName: member.lastName,
      email: member.email,
      sponsorId: member.sponsorId,
      placementId: member.placementId,
      enrolledAt: member.enrolledAt,
    },
    member.enrolledAt,
  );

const eventLines = (order: Order) =>
  order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal }));

/** A paid order (its `paidAt` set). */
export const orderPaidEvent = (order: Order) =>
  newEvent(
    'order.paid',
    {
      orderId: order.id,
      memberId: order.buyerId,
      type: order.type,
      autoshipId: order.autoshipId ?? null,
      market: order.market,
      currency: order.currency,
      subtotal: order.subtotal,
      shipping: order.shipping,
      tax: order.tax,
      total: order.total,
      pv: order.pv,
      cv: order.cv,
      lines: eventLines(order),
      paidAt: order.paidAt!,
    },
    order.paidAt!,
  );

/** A refund (or the refund of a cancel), with the order as it is after it. */
export const orderRefundedEvent = (after: Order, refund: Refund) =>
  newEvent(
    'order.refunded',
    {
      orderId: after.id,
      memberId: after.buyerId,
      refundId: refund.id,
      currency: after.currency,
      amount: refund.amount,
      pv: refund.pv,
      cv: refund.cv,
      lines: refund.lines,
      orderStatus: after.status,
      refundedTotal: after.refundedTotal,
      refundedAt: refund.at,
    },
    refund.at,
  );
