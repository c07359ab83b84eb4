import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '@arbor/shared/orders/model';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { isConditionFailure, stripKeys } from '../lib/db.js';
import { orderItem } from './repository.js';

const INDEX_KEYS = ['GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK'] as const;

/**
 * One-time (and re-runnable) migration: orders written before staff's
 * company-wide lists existed lack those index keys (GSI3: every order; GSI4:
 * orders with a refund). Each gets the keys `orderItem` would write now, and
 * nothing else changes, on condition that its version is still the one read
 * (an order changed meanwhile was written with the keys already). Returns
 * how many orders it updated.
 */
export async function backfillOrderIndexes(onProgress?: (done: number) => void): Promise<number> {
  let start: Record<string, unknown> | undefined;
  let done = 0;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: env.tableName(),
        FilterExpression: 'entity = :order AND attribute_not_exists(GSI3PK)',
        ExpressionAttributeValues: { ':order': 'order' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const order = stripKeys<Order>(item);
      const wanted = orderItem(order);
      const sets = INDEX_KEYS.filter((key) => wanted[key] !== undefined);
      try {
        await db().send(
          new UpdateCommand({
            TableName: env.tableName(),
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: `SET ${sets.map((key) => `${key} = :${key}`).join(', ')}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: {
              ':version': order.version,
              ...Object.fromEntries(sets.map((key) => [`:${key}`, wanted[key]])),
            },
          }),
        );
        done++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    onProgress?.(done);
    start = page.LastEvaluatedKey;
  } while (start);
  return done;
}
