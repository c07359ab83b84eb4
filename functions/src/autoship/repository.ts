import { staleVersionError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { Autoship, dueDateOf, type AutoshipSummary } from '@arbor/shared/orders/autoship';
import type { Order } from '@arbor/shared/orders/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  getItem,
  isConditionFailure,
  putItem,
  query,
  queryPage,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  updateItem,
  type Item,
  type Page,
  type TableWrite,
} from '../lib/db.js';

/**
 * The smart orders' store: smart orders (`MEMBER#<id>` / `AUTOSHIP#<id>`,
 * the active ones listed by the date they are next due), the marks that make
 * each run once (`AUTOSHIP#<id>` / `RUN#<date>`), and the summary the
 * member's profile carries for its uplines.
 */

/** The item; active autoships are indexed by the date they are next due (GSI1, sparse). */
export function autoshipItem(autoship: Autoship): Item {
  return {
    ...keys.autoship(autoship.memberId, autoship.id),
    entity: 'autoship',
    ...autoship,
    ...(autoship.status === 'active'
      ? indexKeys(
          INDEX.autoshipsDue,
          keys.autoshipsDue(dueDateOf(autoship)),
          keys.autoshipDueSort(autoship.memberId, autoship.id),
        )
      : {}),
  };
}

export async function getAutoship(memberId: string, id: string): Promise<Autoship | null> {
  const item = await getItem(keys.autoship(memberId, id), { ConsistentRead: true });
  return item ? Autoship.parse(stripKeys(item)) : null;
}

/** A member's smart orders. */
export async function listAutoships(memberId: string): Promise<Autoship[]> {
  const { items } = await query({ pk: keys.memberPartition(memberId), sk: { beginsWith: keys.autoshipPrefix } });
  return items.map((item) => Autoship.parse(stripKeys(item)));
}

/**
 * Writes a version of a smart order over `expectedVersion` (0 creates),
 * refusing a stale one with a 409, with any writes that belong to the change
 * in the same transaction (the autoship.declined event).
 */
export async function writeAutoship(next: Autoship, expectedVersion: number, also: TableWrite[] = []): Promise<void> {
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
      throw staleVersionError('This smart order changed meanwhile. Reload it and apply your change again.');
    }
    throw error;
  }
}

/** Active autoships due on a company date, a page at a time (the nightly job's input). */
export async function dueOn(
  date: string,
  limit: number,
  cursor?: string,
): Promise<Page<{ autoshipId: string; memberId: string }>> {
  const page = await queryPage(
    { index: INDEX.autoshipsDue, pk: keys.autoshipsDue(date), ProjectionExpression: 'id, memberId', Limit: limit },
    cursor,
  );
  return {
    items: page.items.map((i) => ({ autoshipId: i.id as string, memberId: i.memberId as string })),
    cursor: page.cursor,
  };
}

/** The order a smart order's run on a date made, if any. */
export async function runOrderId(autoshipId: string, runDate: string): Promise<string | null> {
  const mark = await getItem(keys.autoshipRun(autoshipId, runDate), { ConsistentRead: true });
  return (mark?.orderId as string | undefined) ?? null;
}

/** The mark that makes a run's order once per (smart order, run date), in the order's transaction. */
export const runMarkWrite = (autoshipId: string, runDate: string, order: Order): TableWrite =>
  txPut({
    Item: {
      ...keys.autoshipRun(autoshipId, runDate),
      entity: 'autoshipRun',
      autoshipId,
      runDate,
      orderId: order.id,
      at: order.createdAt,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  });

/** Puts the member's smart-order summary (and its active PV) on its profile. */
export async function setAutoshipSummary(memberId: string, summary: AutoshipSummary): Promise<void> {
  await updateItem({
    Key: keys.member(memberId),
    UpdateExpression: 'SET autoship = :summary, autoshipPv = :pv',
    ExpressionAttributeValues: { ':summary': summary, ':pv': summary.status === 'active' ? summary.pv : 0 },
  });
}
