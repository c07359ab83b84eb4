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
});
export type CompanySettings = z.infer<typeof CompanySettings>;

export const DEFAULT_SETTINGS: Omit<CompanySettings, 'name' | 'markets'> = {
  timeZone: 'America/Chicago',
  placementWindowDays: 30,
  payoutMinimum: { amount: 1000, currency: 'USD' },
  autoshipRetryAttempts: 3,
};
