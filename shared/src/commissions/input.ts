import { z } from 'zod';
import { PeriodKindSchema, type PeriodKind } from './bonuses.js';
import { PeriodInputError } from './input-error.js';
import { readMembers, type PreparedMembers } from './input-members.js';
import { readOrders, type PreparedOrders } from './input-orders.js';
import { DEFAULT_PLAN, PlanSchema, type Plan, type PlanDocument } from './plan.js';

export const MEMBER_KINDS = ['partner', 'customer'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
/** Same values as the member model's status. */
export const MEMBER_STATUSES = ['active', 'inactive', 'canceled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** An entry of `partners` in the period input: a partner or a customer. */
export interface MemberInput {
  id: string;
  kind: MemberKind;
  sponsorId: string | null;
  placementId: string | null;
  status: MemberStatus;
  /** Highest rank held before the period; 1 when absent. */
  highestRank?: number;
}

export interface OrderInput {
  id: string;
  buyerId: string;
  pv: number;
  cv: number;
  firstOrder: boolean;
}

/** The engine's input file (docs/engine-file-contract.md, "Input"). */
export interface PeriodInput {
  period: { id: string; kind: PeriodKind };
  /** The default plan when absent (or null). */
  plan?: PlanDocument | null;
  partners: MemberInput[];
  orders: OrderInput[];
}

/** A validated period in columnar form, indexed by member and order position. */
export interface PreparedPeriod {
  readonly periodId: string;
  readonly kind: PeriodKind;
  readonly plan: Plan;
  readonly members: PreparedMembers;
  readonly orders: PreparedOrders;
}

export type { PreparedMembers } from './input-members.js';
export type { PreparedOrders } from './input-orders.js';

// Not strict: a caller may describe the period further (dates, time zone) without breaking the engine.
const PeriodSchema = z.object({ id: z.string().min(1), kind: PeriodKindSchema });

/**
 * Checks every rule of the contract's bad-input list and returns the period in
 * the engine's columnar form. Throws a PeriodInputError naming the first
 * offending record and the rule. Records are checked with plain loops, not a
 * schema per record: a period holds millions of them.
 */
export function preparePeriod(input: unknown): PreparedPeriod {
  if (!isObject(input)) throw new PeriodInputError('input', 'shape', 'input: must be a JSON object');
  const period = parseWith(PeriodSchema, input.period, 'period', (key) => (key === 'kind' ? 'unknown_kind' : 'shape'));
  const plan =
    input.plan === undefined || input.plan === null
      ? DEFAULT_PLAN
      : parseWith(PlanSchema, input.plan, 'plan', () => 'plan_schema');
  if (!Array.isArray(input.partners)) {
    throw new PeriodInputError('partners', 'shape', 'partners: must be an array (partners and customers)');
  }
  if (!Array.isArray(input.orders)) throw new PeriodInputError('orders', 'shape', 'orders: must be an array');

  const members = readMembers(input.partners, plan);
  const orders = readOrders(input.orders, members.index);
  return { periodId: period.id, kind: period.kind, plan, members, orders };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses with zod and turns the first issue into one PeriodInputError line. */
function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  root: string,
  ruleFor: (firstKey: string) => PeriodInputError['rule'],
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    root,
  );
  throw new PeriodInputError(path, ruleFor(String(issue.path[0] ?? '')), `${path}: ${issue.message}`);
}
