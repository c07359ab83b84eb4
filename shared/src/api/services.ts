import { z } from 'zod';
import { MemberRef } from '../members/model.js';
import {
  MemberServiceView,
  PointsEntry,
  PointsRule,
  PointsRuleInput,
  ServiceAction,
  ServiceCode,
  ServiceDefinition,
  ServiceFields,
  uniqueTiers,
} from '../services/model.js';
import { PageQuery } from '../paging.js';
import { ADMIN, ALL_ROLES, endpoint, STAFF } from './endpoint.js';

const ByMember = z.object({ id: MemberRef });
const ByService = z.object({ code: ServiceCode });
const ByMemberService = ByMember.extend({ code: ServiceCode });

/** A catalog entry as written: create (no version) or replace the version read. */
const ServiceBody = ServiceFields.extend({ version: z.number().int().min(1).optional() }).superRefine(uniqueTiers);

const PointsBalance = z.object({
  balance: z.number().int(),
  /** What one point pays at checkout (minor units), and whether the company runs points at all. */
  pointValue: z.number().int(),
  enabled: z.boolean(),
});

/** A ledger entry with the balance right after it. */
const PointsLine = PointsEntry.extend({ balanceAfter: z.number().int() });

const PointsAdjustment = z.object({
  /** Signed: positive adds, negative takes (never below zero). */
  points: z
    .number()
    .int('must be whole points')
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, 'must not be 0'),
  reason: z.string().trim().min(3, 'say why, for the member log').max(500),
  /** A fresh UUID per adjustment: sending it again adjusts once. */
  idempotencyKey: z.uuid('must be a UUID'),
});

/** Services and subscriptions, and reward points (docs/services.md). */
export const servicesApi = {
  listServices: endpoint({
    auth: ALL_ROLES,
    summary: 'The company’s services with their tiers (members: the active ones; staff: all), and the points rule.',
    response: z.object({ items: z.array(ServiceDefinition), pointsRule: PointsRule }),
  }),
  adminPutService: endpoint({
    auth: ADMIN,
    summary: 'Create a service (no version) or replace it on the version read (409 version_conflict otherwise).',
    description:
      'Each tier names its renewal product (a catalog SKU); a SKU renews one service only, so a paid order knows what it renews.',
    params: ByService,
    body: ServiceBody,
    response: z.object({ service: ServiceDefinition }),
  }),
  adminPutPointsRule: endpoint({
    auth: ADMIN,
    summary: 'Set the points rule: points earned per amount of merchandise, and what a point pays at checkout.',
    body: PointsRuleInput.extend({ version: z.number().int().min(0) }),
    response: z.object({ pointsRule: PointsRule }),
  }),
  memberServices: endpoint({
    auth: ALL_ROLES,
    summary: 'The services a member holds, with expiry and status: the member itself, or staff.',
    params: ByMember,
    response: z.object({ items: z.array(MemberServiceView) }),
  }),
  serviceAction: endpoint({
    auth: STAFF,
    summary:
      'Support acts on a member’s service: activate, renew one term, reload credits, suspend, cancel, downgrade or upgrade, with a reason (member log).',
    description:
      'Never charges: to charge, place an order of the tier’s product for the member. The version read makes ten identical requests one change (409 version_conflict for the rest). Staff accounts hold no services (403).',
    params: ByMemberService,
    body: ServiceAction,
    response: z.object({ service: MemberServiceView }),
  }),
  memberPoints: endpoint({
    auth: ALL_ROLES,
    summary: 'A member’s points balance and ledger (earn, spend, refund, adjust), newest first: itself, or staff.',
    params: ByMember,
    query: PageQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(25) }),
    response: PointsBalance.extend({ items: z.array(PointsLine), cursor: z.string().nullable() }),
  }),
  adjustPoints: endpoint({
    auth: STAFF,
    summary: 'Support adds or takes points with a reason (member log); the same idempotencyKey adjusts once.',
    params: ByMember,
    body: PointsAdjustment,
    response: PointsBalance,
  }),
};
