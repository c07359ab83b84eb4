/**
 * Period ids as calendar facts, with no time zone in play: `2026-11` is November 2026, `2026-W47`
 * the ISO week from Monday 16 to Sunday 22 November. Pure; labels in words are in labels.ts.
 */
import { isMonthlyPeriod, isWeeklyPeriod } from '@arbor/shared/periods';

export { isMonthlyPeriod, isWeeklyPeriod };

const DAY = 86_400_000;
const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Monday of an ISO week, as UTC midnight. */
function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (weekday - 1) * DAY + (week - 1) * 7 * DAY;
}

/** First and last calendar day of a period (`YYYY-MM-DD`), or null for an id that is not a period. */
export function periodDays(id: string): { first: string; last: string } | null {
  const week = /^(\d{4})-W(\d{2})$/.exec(id);
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
    return { first: iso(monday), last: iso(monday + 6 * DAY) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month) {
    const year = Number(month[1]);
    const index = Number(month[2]) - 1;
    return { first: iso(Date.UTC(year, index, 1)), last: iso(Date.UTC(year, index + 1, 1) - DAY) };
  }
  return null;
}

/** "2026-W07" -> { year: 2026, week: 7 }. */
export function weekOf(id: string): { year: number; week: number } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(id);
  return match ? { year: Number(match[1]), week: Number(match[2]) } : null;
}

export { previousMonth } from '@arbor/shared/time';

/** Oldest first, for charts that read left to right. */
export const chronological = <T extends { periodId: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.periodId < b.periodId ? -1 : a.periodId > b.periodId ? 1 : 0));
