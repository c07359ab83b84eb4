import type { PartnerPeriod } from '@arbor/shared/commissions/records';
import { putJson } from '../lib/objects.js';
import { postEarnings } from './repository/balances.js';
import { putPartnerPeriods } from './repository/partner-periods.js';
import { postPeriodRank } from './repository/profiles.js';

/** More lines than this go to S3 (a top leader can have thousands); the item keeps the summary. */
export const LINES_IN_ITEM = 400;

/**
 * One item per partner and period (not one per line): volumes, rank, legs,
 * totals and the lines that explain them. Writing the same run again writes
 * the same items.
 */
export async function writePartnerPeriods(periodId: string, runId: string, partners: PartnerPeriod[]): Promise<void> {
  const records: PartnerPeriod[] = [];
  for (const record of partners) {
    if (record.lines.length > LINES_IN_ITEM) {
      const linesKey = `periods/${periodId}/runs/${runId}/lines/${record.memberId}.json`;
      await putJson(linesKey, record.lines);
      records.push({ ...record, lines: [], linesKey });
    } else records.push(record);
  }
  await putPartnerPeriods(records, runId);
}

/**
 * Finalize, for a chunk of partners: with `postRanks` (the period pays rank
 * advancement: close/tasks.ts) the paid rank and highest rank go onto the
 * profile (once per period: the profile remembers the last period that set
 * them), and the period's earnings are added to the balance (once: the
 * balance keeps the set of periods it has taken).
 */
export async function applyFinalizedChunk(
  periodId: string,
  partners: PartnerPeriod[],
  postRanks: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  await runLimited(partners, 8, async (record) => {
    if (postRanks) await postPeriodRank(record.memberId, periodId, record.paidRank, record.highestRank, now);
    if (record.total !== 0) await postEarnings(record.memberId, periodId, record.total, now);
  });
}

async function runLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
