import { describe, expect, it } from 'vitest';
import { dayKey, lastMonths, monthKey, monthRange, zonedTimeToUtc } from '../src/time.js';

describe('company time zone calendar', () => {
  it('finds local midnight in UTC on both sides of DST', () => {
    expect(zonedTimeToUtc(2026, 11, 1, 'America/Chicago').toISOString()).toBe('2026-11-01T05:00:00.000Z'); // CDT
    expect(zonedTimeToUtc(2026, 12, 1, 'America/Chicago').toISOString()).toBe('2026-12-01T06:00:00.000Z'); // CST
    expect(zonedTimeToUtc(2026, 3, 8, 'America/Chicago', 3).toISOString()).toBe('2026-03-08T08:00:00.000Z'); // just after the spring jump
  });

  it('puts an instant in the company month and day, not the UTC one', () => {
    const lateOnTheLastDay = new Date('2026-12-01T03:00:00Z'); // 21:00 on Nov 30 in Chicago
    expect(monthKey(lateOnTheLastDay, 'America/Chicago')).toBe('2026-11');
    expect(dayKey(lateOnTheLastDay, 'America/Chicago')).toBe('2026-11-30');
    expect(monthKey(lateOnTheLastDay, 'UTC')).toBe('2026-12');
  });

  it('gives month ranges and the last n months across a year end', () => {
    expect(monthRange('2026-12', 'America/Mexico_City')).toEqual({
      start: new Date('2026-12-01T06:00:00Z'),
      end: new Date('2027-01-01T06:00:00Z'),
    });
    expect(lastMonths(new Date('2027-02-10T12:00:00Z'), 4, 'UTC')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });
});
