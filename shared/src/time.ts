/**
 * Calendar arithmetic in the company's time zone (which decides what "a day"
 * and "a month" are for periods and reports), with Intl only: no library, no
 * floating offsets guessed by hand.
 */

/** Minutes the zone is ahead of UTC at an instant (e.g. -360 for Chicago in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of a local wall-clock time in the zone. */
export function zonedTimeToUtc(year: number, month: number, day: number, timeZone: string, hour = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // Across a DST change the offset at the answer can differ from the guess's: correct once.
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** `YYYY-MM` of an instant in the zone. */
export function monthKey(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
    instant,
  );
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function dayKey(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** First instant of a month (`YYYY-MM`) and of the month after it, in the zone. */
export function monthRange(key: string, timeZone: string): { start: Date; end: Date } {
  const [year, month] = key.split('-').map(Number) as [number, number];
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return { start: zonedTimeToUtc(year, month, 1, timeZone), end: zonedTimeToUtc(next.y, next.m, 1, timeZone) };
}

/** The month keys ending with the one containing `instant`, oldest first. */
export function lastMonths(instant: Date, count: number, timeZone: string): string[] {
  const [year, month] = monthKey(instant, timeZone).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const total = year * 12 + (month - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The month before a `YYYY-MM` month. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
