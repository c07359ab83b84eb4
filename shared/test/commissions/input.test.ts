import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import {
  computePeriod,
  DEFAULT_PLAN,
  PeriodInputError,
  preparePeriod,
  type PeriodInputRule,
} from '../../src/commissions/index.js';

/** A valid period: two partners, one customer, one order. Each case breaks one thing. */
function base(): Record<string, unknown> & { partners: Record<string, unknown>[]; orders: Record<string, unknown>[] } {
  return {
    period: { id: '2026-11', kind: 'monthly' },
    partners: [
      { id: '1000', kind: 'partner', sponsorId: null, placementId: null, status: 'active', highestRank: 1 },
      { id: '1001', kind: 'partner', sponsorId: '1000', placementId: '1000', status: 'active' },
      { id: '1002', kind: 'customer', sponsorId: '1001', placementId: null, status: 'active' },
    ],
    orders: [{ id: 'o-1', buyerId: '1001', pv: 100, cv: 8000, firstOrder: false }],
  };
}

function refusal(input: unknown): PeriodInputError {
  try {
    preparePeriod(input);
  } catch (error) {
    if (error instanceof PeriodInputError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

type Case = [
  name: string,
  breakIt: (input: ReturnType<typeof base>) => unknown,
  rule: PeriodInputRule,
  message: string,
];

const cases: Case[] = [
  [
    'a duplicate partner id',
    (i) => i.partners.push({ ...i.partners[1] }),
    'duplicate_id',
    'partners[3] (id "1001"): duplicate id (already used by partners[1])',
  ],
  [
    'a duplicate order id',
    (i) => i.orders.push({ ...i.orders[0] }),
    'duplicate_id',
    'orders[1] (id "o-1"): duplicate id (already used by orders[0])',
  ],
  [
    'a sponsorId that names no one',
    (i) => (i.partners[1]!.sponsorId = '9999'),
    'unknown_reference',
    'partners[1] (id "1001"): sponsorId "9999" names no partner',
  ],
  [
    'a placementId that names no one',
    (i) => (i.partners[1]!.placementId = '9999'),
    'unknown_reference',
    'partners[1] (id "1001"): placementId "9999" names no partner',
  ],
  [
    'a buyerId that names no one',
    (i) => (i.orders[0]!.buyerId = '9999'),
    'unknown_reference',
    'orders[0] (id "o-1"): buyerId "9999" names no partner or customer',
  ],
  [
    'a cycle in the sponsor tree',
    (i) => (i.partners[0]!.sponsorId = '1001'),
    'cycle',
    'partners[0] (id "1000"): sponsorId "1001" closes a cycle in the sponsor tree (1000 -> 1001 -> 1000)',
  ],
  [
    'a cycle in the placement tree (a partner placed under itself)',
    (i) => (i.partners[0]!.placementId = '1000'),
    'cycle',
    'partners[0] (id "1000"): placementId "1000" closes a cycle in the placement tree (1000 -> 1000)',
  ],
  [
    'a customer with a placement parent',
    (i) => (i.partners[2]!.placementId = '1001'),
    'customer_placement',
    'partners[2] (id "1002"): a customer has no placement parent (placementId must be null)',
  ],
  [
    'a sponsor that is a customer',
    (i) => i.partners.push({ id: '1003', kind: 'partner', sponsorId: '1002', placementId: '1001', status: 'active' }),
    'customer_parent',
    'partners[3] (id "1003"): sponsorId "1002" names a customer; a sponsor must be a partner',
  ],
  [
    "a customer's sponsor that is a customer",
    (i) => i.partners.push({ id: '1003', kind: 'customer', sponsorId: '1002', placementId: null, status: 'active' }),
    'customer_parent',
    'partners[3] (id "1003"): sponsorId "1002" names a customer; a sponsor must be a partner',
  ],
  [
    'a placement parent that is a customer',
    (i) => i.partners.push({ id: '1003', kind: 'partner', sponsorId: '1001', placementId: '1002', status: 'active' }),
    'customer_parent',
    'partners[3] (id "1003"): placementId "1002" names a customer; a placement parent must be a partner',
  ],
  [
    'a customer without a sponsor',
    (i) => (i.partners[2]!.sponsorId = null),
    'customer_without_sponsor',
    `partners[2] (id "1002"): a customer's sponsorId must name a partner`,
  ],
  [
    'a negative pv',
    (i) => (i.orders[0]!.pv = -1),
    'invalid_volume',
    'orders[0] (id "o-1"): pv must be a non-negative integer (got -1)',
  ],
  [
    'a non-integer cv',
    (i) => (i.orders[0]!.cv = 12.5),
    'invalid_volume',
    'orders[0] (id "o-1"): cv must be a non-negative integer (got 12.5)',
  ],
  [
    'a cv written as a string',
    (i) => (i.orders[0]!.cv = '8000'),
    'invalid_volume',
    'orders[0] (id "o-1"): cv must be a non-negative integer (got "8000")',
  ],
  [
    'a missing pv',
    (i) => delete i.orders[0]!.pv,
    'invalid_volume',
    'orders[0] (id "o-1"): pv must be a non-negative integer (got missing)',
  ],
  [
    'a cv too large to compute exactly',
    (i) => (i.orders[0]!.cv = 2 ** 50),
    'invalid_volume',
    'orders[0] (id "o-1"): cv must be at most 900719925473 cents to be computed exactly',
  ],
  [
    'an unknown status',
    (i) => (i.partners[1]!.status = 'suspended'),
    'unknown_status',
    'partners[1] (id "1001"): unknown status "suspended" (expected "active", "inactive" or "canceled")',
  ],
  [
    'a missing status',
    (i) => delete i.partners[1]!.status,
    'unknown_status',
    'partners[1] (id "1001"): status is missing (expected "active", "inactive" or "canceled")',
  ],
  [
    'an unknown member kind',
    (i) => (i.partners[1]!.kind = 'reseller'),
    'unknown_kind',
    'partners[1] (id "1001"): unknown kind "reseller" (expected "partner" or "customer")',
  ],
  [
    'an unknown period kind',
    (i) => (i.period = { id: '2026-11', kind: 'daily' }),
    'unknown_kind',
    'period.kind: Invalid option: expected one of "monthly"|"weekly"',
  ],
  [
    'a highestRank that is not a plan rank',
    (i) => (i.partners[1]!.highestRank = 7),
    'unknown_rank',
    `partners[1] (id "1001"): highestRank 7 is not one of the plan's ranks`,
  ],
  [
    'a record that is not an object',
    (i) => (i.partners[1] = '1001' as never),
    'shape',
    'partners[1]: must be an object',
  ],
  ['a record without an id', (i) => delete i.orders[0]!.id, 'shape', 'orders[0]: id must be a non-empty string'],
  [
    'a sponsorId that is not a string',
    (i) => (i.partners[1]!.sponsorId = 1000),
    'shape',
    'partners[1] (id "1001"): sponsorId must be a string or null',
  ],
  [
    'a missing firstOrder',
    (i) => delete i.orders[0]!.firstOrder,
    'shape',
    'orders[0] (id "o-1"): firstOrder must be true or false',
  ],
  ['a missing period', (i) => delete i.period, 'shape', 'period: Invalid input: expected object, received undefined'],
  [
    'partners that are not an array',
    (i) => (i.partners = {} as never),
    'shape',
    'partners: must be an array (partners and customers)',
  ],
  ['missing orders', (i) => (i.orders = undefined as never), 'shape', 'orders: must be an array'],
];

describe('period input validation', () => {
  it('accepts the base input', () => {
    expect(() => preparePeriod(base())).not.toThrow();
  });

  it.each(cases)('refuses %s', (_name, breakIt, rule, message) => {
    const input = base();
    breakIt(input);
    const error = refusal(input);
    expect(error.message).toBe(message);
    expect(error.rule).toBe(rule);
    expect(error.record).toBe(message.split(/[ :]/)[0]);
  });

  it('refuses input that is not an object', () => {
    expect(refusal([]).message).toBe('input: must be a JSON object');
    expect(refusal(null).message).toBe('input: must be a JSON object');
  });

  it('names a long cycle by its first few members', () => {
    const input = base();
    // 1010 -> 1011 -> ... -> 1017 -> 1010 in the placement tree (all sponsored by 1000).
    for (let k = 0; k < 8; k++) {
      const placementId = String(1010 + ((k + 7) % 8));
      input.partners.push({ id: String(1010 + k), kind: 'partner', sponsorId: '1000', placementId, status: 'active' });
    }
    expect(refusal(input).message).toBe(
      'partners[3] (id "1010"): placementId "1017" closes a cycle in the placement tree ' +
        '(1010 -> 1017 -> 1016 -> 1015 -> 1014 -> 1013 -> ...)',
    );
  });

  it('finds duplicates whatever the ids look like (numeric and free-form ids)', () => {
    const input = base();
    input.partners.push({ id: 'Ana María', kind: 'partner', sponsorId: '1000', placementId: '1000', status: 'active' });
    input.partners.push({ id: 'Ana María', kind: 'partner', sponsorId: '1000', placementId: '1000', status: 'active' });
    expect(refusal(input).message).toBe('partners[4] (id "Ana María"): duplicate id (already used by partners[3])');
    // Numeric-looking ids that differ as strings are different ids.
    const padded = base();
    padded.partners.push({ id: '01000', kind: 'partner', sponsorId: '1000', placementId: '1000', status: 'active' });
    expect(() => preparePeriod(padded)).not.toThrow();
  });

  it('defaults highestRank to 1 and the plan to the default plan', () => {
    const input = base();
    delete input.partners[0]!.highestRank;
    const prepared = preparePeriod(input);
    expect(prepared.plan).toEqual(DEFAULT_PLAN);
    expect(Array.from(prepared.members.highestRankIndex)).toEqual([0, 0, 0]);
  });

  it('is a ValidationError carrying the record and rule as details', () => {
    const input = base();
    input.orders[0]!.buyerId = '9999';
    const error = refusal(input);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ field: 'orders[0]', rule: 'unknown_reference', message: error.message }]);
  });

  it('is thrown by computePeriod for programmatic callers', () => {
    const input = base();
    input.orders[0]!.pv = -5;
    expect(() => computePeriod(input as never)).toThrow(PeriodInputError);
  });
});

describe('plan validation', () => {
  type PlanChange = (plan: Record<string, unknown> & { ranks: Record<string, unknown>[] }) => void;
  function planRefusal(change: PlanChange): PeriodInputError {
    const plan = structuredClone(DEFAULT_PLAN) as unknown as Parameters<PlanChange>[0];
    change(plan);
    return refusal({ ...base(), plan });
  }

  it('accepts the default plan written out in full', () => {
    expect(preparePeriod({ ...base(), plan: DEFAULT_PLAN }).plan).toEqual(DEFAULT_PLAN);
  });

  it.each<[string, PlanChange, string]>([
    [
      'ranks out of order',
      (p) => (p.ranks[2]!.rank = 2),
      'plan.ranks[2].rank: ranks must be unique and in ascending order (rank 2 follows rank 2)',
    ],
    [
      'a lowest rank other than 1',
      (p) => (p.ranks[0]!.rank = 0),
      'plan.ranks[0].rank: Too small: expected number to be >=1',
    ],
    [
      'a non-integer requirement',
      (p) => (p.ranks[1]!.gv = 300.5),
      'plan.ranks[1].gv: Invalid input: expected int, received number',
    ],
    [
      'a negative rate',
      (p) => (p.unilevelRatesBp = [500, -1]),
      'plan.unilevelRatesBp[1]: Too small: expected number to be >=0',
    ],
    [
      'a rate above 100 %',
      (p) => (p.fastStartRatesBp = [10001]),
      'plan.fastStartRatesBp[0]: Too big: expected number to be <=10000',
    ],
    [
      'a leg rule naming no rank',
      (p) => (p.ranks[3]!.legs = { count: 1, minRank: 9 }),
      "plan.ranks[3].legs.minRank: minRank 9 is not one of the plan's ranks",
    ],
    ['an unknown field', (p) => (p.ranks[1]!.maxLegPCT = 50), 'plan.ranks[1]: Unrecognized key: "maxLegPCT"'],
    ['no ranks', (p) => (p.ranks = []), 'plan.ranks: Too small: expected array to have >=1 items'],
  ])('refuses %s', (_name, change, message) => {
    const error = planRefusal(change);
    expect(error.message).toBe(message);
    expect(error.rule).toBe('plan_schema');
  });

  it('refuses a first rank numbered above 1', () => {
    expect(planRefusal((p) => (p.ranks = p.ranks.slice(1))).message).toBe(
      'plan.ranks[0].rank: the lowest rank must be rank 1',
    );
  });
});
