import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerPeriod } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { bulkPut } from '../lib/bulk.js';
import { env } from '../lib/env.js';
import { isConditionFailure, type Item } from '../lib/db.js';
import { putJson } from '../lib/objects.js';

/** More lines than this go to S3 (a top leader can have thousands); the item keeps the summary. */
export const LINES_IN_ITEM = 400;

export function partnerPeriodItem(record: PartnerPeriod, runId: string): Item {
  const item: Item = {
    ...keys.partnerPeriod(record.memberId, record.periodId),
    entity: 'partnerPeriod',
    runId,
    ...record,
  };
  if (record.total !== 0) {
    item.GSI2PK = keys.earnings(record.periodId);
    item.GSI2SK = record.memberId;
  }
  return item;
}

/**
 * One item per partner and period (not one per line): volumes, rank, legs,
 * totals and the lines that explain them. Writing the same run again writes
 * the same items.
 */
export async function writePartnerPeriods(periodId: string, runId: string, partners: PartnerPeriod[]): Promise<void> {
  const items: Item[] = [];
  for (const record of partners) {
    if (record.lines.length > LINES_IN_ITEM) {
      const linesKey = `periods/${periodId}/runs/${runId}/lines/${record.memberId}.json`;
      await putJson(linesKey, record.lines);
      items.push(partnerPeriodItem({ ...record, lines: [], linesKey }, runId));
    } else items.push(partnerPeriodItem(record, runId));
  }
  await bulkPut(items);
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
  const table = env.tableName();
  const ignoreRepeat = (error: unknown) => {
    if (!isConditionFailure(error)) throw error;
  };
  await runLimited(partners, 8, async (record) => {
    if (postRanks) {
      const once = 'attribute_exists(PK) AND (attribute_not_exists(rankPeriod) OR rankPeriod < :period)';
      const values = { ':paid': record.paidRank, ':highest': record.highestRank, ':period': periodId };
      try {
        // A changed paid rank is news for the uplines' activity feed (the stream copies it into their entries).
        await db().send(
          new UpdateCommand({
            TableName: table,
            Key: keys.member(record.memberId),
            UpdateExpression:
              'SET paidRank = :paid, highestRank = :highest, rankPeriod = :period, rankChangedAt = :now',
            ConditionExpression: `${once} AND paidRank <> :paid`,
            ExpressionAttributeValues: { ...values, ':now': now },
          }),
        );
      } catch (error) {
        ignoreRepeat(error);
        await db()
          .send(
            new UpdateCommand({
              TableName: table,
              Key: keys.member(record.memberId),
              UpdateExpression: 'SET highestRank = :highest, rankPeriod = :period',
              ConditionExpression: once,
              ExpressionAttributeValues: { ':highest': record.highestRank, ':period': periodId },
            }),
          )
          .catch(ignoreRepeat);
      }
    }
    if (record.total !== 0) {
      await db()
        .send(
          new UpdateCommand({
            TableName: table,
            Key: keys.balance(record.memberId),
            UpdateExpression:
              'SET amount = if_not_exists(amount, :zero) + :total, entity = :entity, updatedAt = :now ADD posted :period',
            ConditionExpression: 'attribute_not_exists(posted) OR NOT contains(posted, :periodId)',
            ExpressionAttributeValues: {
              ':zero': 0,
              ':total': record.total,
              ':entity': 'balance',
              ':now': now,
              ':period': new Set([periodId]),
              ':periodId': periodId,
            },
          }),
        )
        .catch(ignoreRepeat);
    }
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
