import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { Autoship, dueDateOf } from '@arbor/shared/orders/autoship';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import {
  decodeCursor,
  encodeCursor,
  isConditionFailure,
  putItem,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  type Item,
  type Page,
  type TableWrite,
} from '../lib/db.js';
import { refreshAutoshipSummary } from './summary.js';

/** The item; active autoships are indexed by the date they are next due (GSI1, sparse). */
export function autoshipItem(autoship: Autoship): Item {
  const item: Item = { ...keys.autoship(autoship.memberId, autoship.id), entity: 'autoship', ...autoship };
  if (autoship.status === 'active') {
    item.GSI1PK = keys.autoshipsDue(dueDateOf(autoship));
    item.GSI1SK = `${autoship.memberId}#${autoship.id}`;
  }
  return item;
}

export async function getAutoship(memberId: string, id: string): Promise<Autoship | null> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.autoship(memberId, id), ConsistentRead: true }),
  );
  return result.Item ? Autoship.parse(stripKeys(result.Item)) : null;
}

export async function listAutoships(memberId: string): Promise<Autoship[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':prefix': keys.autoshipPrefix },
    }),
  );
  return (result.Items ?? []).map((item) => Autoship.parse(stripKeys(item)));
}

/**
 * Writes a new version (expected 0 creates), refusing a stale one, with any
 * writes that belong to the change in the same transaction (the
 * autoship.declined event), then refreshes the member's smart-order summary
 * its uplines see.
 */
export async function saveAutoship(
  autoship: Autoship,
  expectedVersion: number,
  market: string,
  also: TableWrite[] = [],
): Promise<Autoship> {
  const next: Autoship = { ...autoship, version: expectedVersion + 1, updatedAt: new Date().toISOString() };
  const put = {
    Item: autoshipItem(next),
    ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
    ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
  };
  try {
    if (also.length > 0) await transact([txPut(put), ...also]);
    else await putItem(put);
  } catch (error) {
    if (isConditionFailure(error) || (error instanceof TransactionConditionError && error.failedIndexes.includes(0))) {
      throw new ConflictError(
        'This smart order changed meanwhile. Reload it and apply your change again.',
        'version_conflict',
        [{ field: 'body.version', rule: 'stale', message: 'body.version: is not the current version' }],
      );
    }
    throw error;
  }
  await refreshAutoshipSummary(next.memberId, market, await listAutoships(next.memberId));
  return next;
}

/** Active autoships due on a company date, a page at a time (the nightly job's input). */
export async function dueOn(
  date: string,
  limit: number,
  cursor?: string,
): Promise<Page<{ autoshipId: string; memberId: string }>> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.autoshipsDue(date) },
      ProjectionExpression: 'id, memberId',
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return {
    items: (result.Items ?? []).map((i) => ({ autoshipId: i.id as string, memberId: i.memberId as string })),
    cursor: encodeCursor(result.LastEvaluatedKey),
  };
}
