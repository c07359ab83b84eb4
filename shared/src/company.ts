import { z } from 'zod';
import { Currency, Money } from './money.js';
import { Language } from './members/model.js';

export const Market = z.object({
  code: z.string().length(2),
  name: z.string().min(1),
  currency: Currency,
  language: Language,
});
export type Market = z.infer<typeof Market>;

/** A membership level: customer and partner kinds, plus whatever tiers the company defines. */
export const MembershipLevel = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,30}$/),
  name: z.string().min(1).max(60),
  kind: z.enum(['customer', 'partner']),
});
export type MembershipLevel = z.infer<typeof MembershipLevel>;

/** Company-wide settings an admin can change. */
export const CompanySettings = z.object({
  name: z.string().min(1).max(120),
  /** IANA zone that decides period boundaries (a "day" and a "month" are the company's). */
  timeZone: z.string().min(1),
  /** Days after enrollment in which a sponsor may place a new partner. */
  placementWindowDays: z.number().int().min(0).max(365),
  /** Balances below this carry forward to the next payout. */
  payoutMinimum: Money,
  /** Autoship charge attempts before a run is declined. */
  autoshipRetryAttempts: z.number().int().min(1).max(10),
  markets: z.array(Market).min(1),
  membershipLevels: z.array(MembershipLevel).min(2),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

export const DEFAULT_LEVELS: MembershipLevel[] = [
  { code: 'customer', name: 'Retail customer', kind: 'customer' },
  { code: 'preferred', name: 'Preferred customer', kind: 'customer' },
  { code: 'partner', name: 'Brand partner', kind: 'partner' },
  { code: 'partner-pro', name: 'Brand partner pro', kind: 'partner' },
];

/** The default level of each kind: the first of that kind in the list. */
export const defaultLevel = (levels: readonly MembershipLevel[], kind: 'customer' | 'partner') =>
  levels.find((level) => level.kind === kind)?.code ?? kind;

export const DEFAULT_SETTINGS: Omit<CompanySettings, 'name' | 'markets'> = {
  membershipLevels: DEFAULT_LEVELS,
  timeZone: 'America/Chicago',
  placementWindowDays: 30,
  payoutMinimum: { amount: 1000, currency: 'USD' },
  autoshipRetryAttempts: 3,
};
