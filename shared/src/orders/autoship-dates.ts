/**
 * Autoship run dates are calendar dates (`YYYY-MM-DD`) in the company time
 * zone. The day of month is 1-28, so every month has it.
 */
export function nextRunDate(dayOfMonth: number, after: string): string {
  const [y, m, d] = after.split('-').map(Number) as [number, number, number];
  const sameMonth = d < dayOfMonth;
  const year = sameMonth ? y : m === 12 ? y + 1 : y;
  const month = sameMonth ? m : m === 12 ? 1 : m + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
