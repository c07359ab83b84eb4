import { z } from 'zod';
import { LocalizedText, Sku } from '../catalog/product.js';

/**
 * Services and subscriptions a member holds (a back-office technology
 * subscription, travel or dining services), and reward points
 * (docs/services.md). Pure: schemas and the arithmetic of terms and points.
 */

export const ServiceCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,29}$/, 'must be 2 to 30 lowercase letters, digits or dashes');
export type ServiceCode = z.infer<typeof ServiceCode>;

/** One tier of a service (basic, plus, premium), priced by its renewal product. */
export const ServiceTier = z.object({
  code: ServiceCode,
  name: LocalizedText,
  /** The renewal product: a paid order with this SKU renews the member's service one term per unit. */
  sku: Sku,
  /** Credits a reload adds by default (travel credits, dining credits); 0 when the tier has none. */
  credits: z.number().int().min(0).max(1_000_000),
});
export type ServiceTier = z.infer<typeof ServiceTier>;

/** A service as an admin defines it: tiers in order, lowest first (a downgrade moves down this list). */
export const ServiceFields = z.object({
  name: LocalizedText,
  description: LocalizedText.optional(),
  /** Every service renews monthly. */
  term: z.literal('monthly'),
  tiers: z.array(ServiceTier).min(1, 'a service has at least one tier').max(10),
  active: z.boolean(),
});

/** Tier codes and SKUs are unique within a service. */
export function uniqueTiers(service: { tiers: readonly ServiceTier[] }, ctx: z.RefinementCtx) {
  const seen = { code: new Set<string>(), sku: new Set<string>() };
  for (const [index, tier] of service.tiers.entries()) {
    for (const field of ['code', 'sku'] as const) {
      if (seen[field].has(tier[field])) {
        ctx.addIssue({ code: 'custom', path: ['tiers', index, field], message: 'is used by another tier' });
      }
      seen[field].add(tier[field]);
    }
  }
}

export const ServiceInput = ServiceFields.superRefine(uniqueTiers);
export type ServiceInput = z.infer<typeof ServiceInput>;

export const ServiceDefinition = z.object({
  code: ServiceCode,
  name: LocalizedText,
  description: LocalizedText.optional(),
  term: z.literal('monthly'),
  tiers: z.array(ServiceTier),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

/** What is stored; `expired` is never stored: an active or suspended service past its expiry reads as expired. */
export const StoredServiceStatus = z.enum(['active', 'suspended', 'canceled']);
export const ServiceStatus = z.enum(['active', 'suspended', 'expired', 'canceled']);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/**
 * A service a member holds. Its expiry is `startedOn` plus `terms` months:
 * a renewal adds terms (an atomic ADD in the paying order's transaction, so
 * it needs no read and never conflicts), a new start sets both.
 */
export const MemberService = z.object({
  memberId: z.string(),
  code: ServiceCode,
  tier: ServiceCode,
  /** The current tier's renewal SKU (kept here so a paid order finds what it renews without the catalog). */
  tierSku: Sku,
  status: StoredServiceStatus,
  startedOn: z.string(),
  terms: z.number().int().min(0),
  credits: z.number().int().min(0),
  /** The smart order that renews it, when the member linked one. */
  autoshipId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type MemberService = z.infer<typeof MemberService>;

/** A held service as members and support read it: its expiry and status as of now. */
export const MemberServiceView = MemberService.omit({ status: true }).extend({
  status: ServiceStatus,
  expiresOn: z.string(),
  name: LocalizedText,
  tierName: LocalizedText,
});
export type MemberServiceView = z.infer<typeof MemberServiceView>;

/** `YYYY-MM-DD` plus whole months; a day the month lacks is its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

export const expiresOn = (service: Pick<MemberService, 'startedOn' | 'terms'>) =>
  addMonths(service.startedOn, service.terms);

/** The status as of `today` (`YYYY-MM-DD`): past its expiry, an active or suspended service is expired. */
export function statusOn(service: Pick<MemberService, 'status' | 'startedOn' | 'terms'>, today: string): ServiceStatus {
  if (service.status === 'canceled') return 'canceled';
  return expiresOn(service) <= today ? 'expired' : service.status;
}

// ---- support's actions -----------------------------------------------------------------------------------------------

const Reason = z.string().trim().min(3, 'say why, for the member log').max(500);
const Version = z.number().int().min(1);

/**
 * What support does to a member's service, with a reason for the member's
 * log. Actions never charge: to charge, support places an order of the
 * tier's product for the member, which renews it (docs/services.md).
 */
export const ServiceAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('activate'),
    tier: ServiceCode,
    /** The service's version when it is held already (a reactivation); absent for a first activation. */
    version: Version.optional(),
    autoshipId: z.string().min(1).max(40).optional(),
    reason: Reason,
  }),
  z.object({ action: z.literal('renew'), version: Version, reason: Reason }),
  z.object({
    action: z.literal('reload'),
    version: Version,
    credits: z.number().int().min(1).max(1_000_000),
    reason: Reason,
  }),
  z.object({ action: z.literal('suspend'), version: Version, reason: Reason }),
  z.object({ action: z.literal('cancel'), version: Version, reason: Reason }),
  z.object({ action: z.literal('downgrade'), version: Version, tier: ServiceCode, reason: Reason }),
  z.object({ action: z.literal('upgrade'), version: Version, tier: ServiceCode, reason: Reason }),
]);
export type ServiceAction = z.infer<typeof ServiceAction>;

// ---- reward points -------------------------------------------------------------------------------------------------

/** The company's points rule (admin-editable): how many are earned, and what one is worth at checkout. */
export const PointsRuleInput = z.object({
  enabled: z.boolean(),
  /** Points earned per `earnPer` minor units of merchandise paid (what points paid earns nothing). */
  earnPoints: z.number().int().min(0).max(1000),
  earnPer: z.number().int().min(1).max(1_000_000),
  /** What one point pays at checkout, in minor units of the order's currency. */
  pointValue: z.number().int().min(1).max(10_000),
});
export type PointsRuleInput = z.infer<typeof PointsRuleInput>;

export const PointsRule = PointsRuleInput.extend({ updatedAt: z.string(), version: z.number().int().min(0) });
export type PointsRule = z.infer<typeof PointsRule>;

/** One point per 1.00 of merchandise, worth 0.01 at checkout, until an admin says otherwise. */
export const DEFAULT_POINTS_RULE: PointsRule = {
  enabled: true,
  earnPoints: 1,
  earnPer: 100,
  pointValue: 1,
  updatedAt: '1970-01-01T00:00:00.000Z',
  version: 0,
};

export const PointsEntryKind = z.enum(['earn', 'spend', 'refund', 'adjust']);
export type PointsEntryKind = z.infer<typeof PointsEntryKind>;

/** One movement of a member's points: signed (spend negative), with the order or the reason behind it. */
export const PointsEntry = z.object({
  at: z.string(),
  kind: PointsEntryKind,
  points: z.number().int(),
  orderId: z.string().optional(),
  actorId: z.string(),
  reason: z.string().optional(),
});
export type PointsEntry = z.infer<typeof PointsEntry>;

/** The merchandise part of an order: what points are earned on (shipping and tax earn nothing). */
interface EarningOrder {
  subtotal: number;
  lines: readonly { unitPrice: number; quantity: number; refundedQuantity: number }[];
  tenders: readonly { kind: string; amount: number; status: string }[];
}

const pointsPaid = (order: EarningOrder) =>
  order.tenders.filter((t) => t.kind === 'points' && t.status !== 'declined').reduce((s, t) => s + t.amount, 0);

/** Points a paid order earns: its merchandise less what points paid, by the rule; whole points, rounded down. */
export function pointsEarned(rule: PointsRuleInput, order: EarningOrder): number {
  if (!rule.enabled || rule.earnPoints === 0) return 0;
  const base = Math.max(0, order.subtotal - pointsPaid(order));
  return Math.floor((base * rule.earnPoints) / rule.earnPer);
}

const refundedMerchandise = (order: EarningOrder) =>
  order.lines.reduce((sum, line) => sum + line.unitPrice * line.refundedQuantity, 0);
const merchandise = (order: EarningOrder) => order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);

/**
 * Earned points a refund takes back: the refunded share of the merchandise.
 * Counted on the running total (what all refunds so far take, less what the
 * earlier ones took), so a fully refunded order gives back exactly what it earned.
 */
export function earnedReversal(earned: number, before: EarningOrder, after: EarningOrder): number {
  const total = merchandise(after);
  if (earned <= 0 || total <= 0) return 0;
  const taken = (order: EarningOrder) => Math.floor((earned * refundedMerchandise(order)) / total);
  return taken(after) - taken(before);
}

/** Points a points tender gets back when `refundedAfter` of its `amount` is refunded (running total, as above). */
export function pointsReturned(tender: { amount: number; points?: number | undefined }, before: number, after: number) {
  const points = tender.points ?? 0;
  if (tender.amount <= 0) return 0;
  return Math.floor((points * after) / tender.amount) - Math.floor((points * before) / tender.amount);
}
