import { describe, expect, it } from 'vitest';
import { nextRun } from '../../src/local/scheduler.js';

const job = {
  name: 'nightly',
  entry: 'x.ts',
  cron: '0 2 * * *',
  timeoutSeconds: 60,
  access: { table: 'read' as const },
};

describe('local scheduler', () => {
  it('computes the next run in the company time zone, across DST', () => {
    // 02:00 in Chicago is 08:00 UTC in winter (CST, UTC-6)...
    expect(nextRun(job, new Date('2026-11-23T12:00:00Z'), 'America/Chicago').toISOString()).toBe(
      '2026-11-24T08:00:00.000Z',
    );
    // ...and 07:00 UTC in summer (CDT, UTC-5).
    expect(nextRun(job, new Date('2026-07-01T12:00:00Z'), 'America/Chicago').toISOString()).toBe(
      '2026-07-02T07:00:00.000Z',
    );
  });
});
