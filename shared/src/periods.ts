import { dayKey, monthKey, zonedTimeToUtc } from './time.js';

/**
 * Commission periods in the company's time zone: months (`2026-11`) and ISO
 * weeks (`2026-W48`, Monday to Sunday). An order belongs to the periods in
 * which it was paid; a refund to those in which it happened.
 */
export const monthlyPeriodOf = (instant: Date, timeZone: string) => monthKey(instant, timeZone);

/** ISO week of the company-local date of an instant. */
export function weeklyPeriodOf(instant: Date, timeZone: string): string {
  const [y, m, d] = dayKey(instant, timeZone).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** First instant of an ISO week and of the week after, in the zone. */
export function weekRange(periodId: string, timeZone: string): { start: Date; end: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(periodId);
  if (!match) throw new RangeError(`not a weekly period: ${periodId}`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  const next = new Date(monday.getTime() + 7 * 86_400_000);
  return {
    start: zonedTimeToUtc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
    end: zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
  };
}

export const isWeeklyPeriod = (id: string) => /^\d{4}-W\d{2}$/.test(id);
export const isMonthlyPeriod = (id: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(id);
