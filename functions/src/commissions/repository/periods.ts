import { Period, type PeriodState } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  batchGet,
  conditionally,
  getItem,
  isConditionFailure,
  putItem,
  query,
  stripKeys,
  transact,
  TransactionConditionError,
  txUpdate,
  updateItem,
  type Item,
  type TableWrite,
} from '../../lib/db.js';

/** Commission periods (`PERIOD#<id>`, listed under GSI1 `PERIODS` by end): state, lock, progress, totals. */

export function periodItem(period: Period): Item {
  return {
    ...keys.period(period.id),
    entity: 'period',
    ...indexKeys(INDEX.periods, keys.periodsIndex, keys.periodSort(period.end, period.id)),
    ...period,
  };
}

export async function getPeriod(id: string): Promise<Period | null> {
  const item = await getItem(keys.period(id), { ConsistentRead: true });
  return item ? Period.parse(stripKeys(item)) : null;
}

/** Writes a new period: false when it exists already. */
export const insertPeriod = (period: Period) =>
  conditionally(putItem({ Item: periodItem(period), ConditionExpression: 'attribute_not_exists(PK)' }));

/** Periods, the latest ending first. */
export async function listPeriods(limit = 50): Promise<Period[]> {
  const { items } = await query({ index: INDEX.periods, pk: keys.periodsIndex, ScanIndexForward: false, Limit: limit });
  return items.map((item) => Period.parse(stripKeys(item)));
}

/**
 * Sets a period's state (and other fields) only if it is in one of `from`
 * (and, with `ownerRunId`, held by that run), atomically: the period as
 * written, or null when the condition failed.
 */
export async function setPeriodState(
  id: string,
  from: readonly PeriodState[],
  to: PeriodState,
  set: Partial<Period>,
  ownerRunId?: string,
): Promise<Period | null> {
  const fields = { ...set, state: to };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':one': 1 };
  const sets = Object.entries(fields).map(([key, value], i) => {
    names[`#f${i}`] = key;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  from.forEach((state, i) => (values[`:s${i}`] = state));
  names['#state'] = 'state';
  let condition = `#state IN (${from.map((_, i) => `:s${i}`).join(', ')})`;
  if (ownerRunId !== undefined) {
    names['#runId'] = 'runId';
    values[':owner'] = ownerRunId;
    condition += ' AND #runId = :owner';
  }
  try {
    const result = await updateItem({
      Key: keys.period(id),
      UpdateExpression: `SET ${sets.join(', ')}, version = version + :one`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    });
    return Period.parse(stripKeys(result.Attributes!));
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * Moves a finalizing period to finalized, its lease released, with `also` in
 * the same transaction: false when the period was not finalizing.
 */
export async function setFinalized(id: string, finalizedAt: string, also: TableWrite[]): Promise<boolean> {
  try {
    await transact([
      txUpdate({
        Key: keys.period(id),
        UpdateExpression: 'SET #state = :finalized, finalizedAt = :at, leaseUntil = :null, version = version + :one',
        ConditionExpression: '#state = :finalizing',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':finalized': 'finalized',
          ':finalizing': 'finalizing',
          ':at': finalizedAt,
          ':null': null,
          ':one': 1,
        },
      }),
      ...also,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return false;
    throw error;
  }
}

/** Records how far the close has come (the admin screen shows it). */
export async function reportProgress(
  id: string,
  step: string,
  done: number,
  total: number,
  error?: string,
): Promise<void> {
  await updateItem({
    Key: keys.period(id),
    UpdateExpression: 'SET progress = :p',
    ExpressionAttributeValues: {
      ':p': { step, done, total, at: new Date().toISOString(), ...(error ? { error } : {}) },
    },
  });
}

/** One more chunk written (Map iterations run side by side, so the count is an atomic add). */
export async function chunkDone(id: string): Promise<void> {
  await updateItem({
    Key: keys.period(id),
    UpdateExpression: 'SET progress.#at = :at ADD progress.done :one',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: { ':one': 1, ':at': new Date().toISOString() },
  });
}

/** Periods by ID, as stored (missing ones left out). */
export async function getPeriods(ids: readonly string[]): Promise<Map<string, Period>> {
  const items = await batchGet([...new Set(ids)].map((id) => keys.period(id)));
  return new Map(items.map((item) => [item.id as string, stripKeys<Period>(item)]));
}
