import { z } from 'zod';

/** ISO 4217 codes the platform prices in. Extend as markets are added. */
export const Currency = z.enum(['USD', 'MXN', 'CAD', 'EUR', 'COP']);
export type Currency = z.infer<typeof Currency>;

/** Minor units per major unit; every currency we support today has cents. */
const MINOR_UNITS: Record<Currency, number> = { USD: 100, MXN: 100, CAD: 100, EUR: 100, COP: 100 };

/** Money is an integer count of minor units (cents) with its currency; never a float. */
export const Money = z.object({
  amount: z.number().int(),
  currency: Currency,
});
export type Money = z.infer<typeof Money>;

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

/** Rate in basis points applied to minor units, rounded half up in integer arithmetic. */
export function applyBasisPoints(amount: number, rateBp: number): number {
  return Math.floor((amount * rateBp + 5000) / 10000);
}

/** Display only: `formatMoney({amount: 123456, currency: 'USD'}, 'en-US')` -> "$1,234.56". */
export function formatMoney(value: Money, locale = 'en-US'): string {
  const unit = MINOR_UNITS[value.currency];
  const major = Math.trunc(value.amount / unit);
  const minor = Math.abs(value.amount % unit);
  const sign = value.amount < 0 ? '-' : '';
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: 2,
  });
  // Intl formats a decimal string exactly, so no float ever represents the amount.
  return formatter.format(`${sign}${Math.abs(major)}.${String(minor).padStart(2, '0')}` as `${number}`);
}
