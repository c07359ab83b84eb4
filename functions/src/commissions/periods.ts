import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Period, type PeriodState } from '@arbor/shared/commissions/records';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { isMonthlyPeriod, isWeeklyPeriod, weekRange } from '@arbor/shared/periods';
import { monthRange } from '@arbor/shared/time';
import { getCompanySettings } from '../company/repository.js';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import {
  isConditionFailure,
  stripKeys,
  transact,
  TransactionConditionError,
  txUpdate,
  type Item,
  type TableWrite,
} from '../lib/db.js';

export function periodItem(period: Period): Item {
  return {
    ...keys.period(period.id),
    entity: 'period',
    GSI1PK: keys.periodsIndex,
    GSI1SK: `${period.end}#${period.id}`,
    ...period,
  };
}

export async function companyTimeZone() {
  return (await getCompanySettings())?.timeZone ?? DEFAULT_SETTINGS.timeZone;
}

/** The one currency commissions are paid in (the payout minimum's). */
export async function payoutCurrency() {
  return (await getCompanySettings())?.payoutMinimum.currency ?? DEFAULT_SETTINGS.payoutMinimum.currency;
}

/** Boundaries of a period id (`2026-11` or `2026-W48`) in the company's time zone. */
export async function boundsOf(id: string) {
  const timeZone = await companyTimeZone();
  if (isMonthlyPeriod(id)) return { kind: 'monthly' as const, ...monthRange(id, timeZone) };
  if (isWeeklyPeriod(id)) return { kind: 'weekly' as const, ...weekRange(id, timeZone) };
  throw new RuleError('unknown_period', `${id} is not a period: use YYYY-MM or YYYY-Www.`, [
    { field: 'params.id', rule: 'unknown_period', message: 'params.id: must be YYYY-MM or YYYY-Www' },
  ]);
}

export async function getPeriod(id: string): Promise<Period | null> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.period(id), ConsistentRead: true }),
  );
  return result.Item ? Period.parse(stripKeys(result.Item)) : null;
}

/** The period, created (open) on first use. */
export async function periodFor(id: string): Promise<Period> {
  const existing = await getPeriod(id);
  if (existing) return existing;
  const { kind, start, end } = await boundsOf(id);
  const period: Period = {
    id,
    kind,
    start: start.toISOString(),
    end: end.toISOString(),
    state: 'open',
    planId: null,
    runId: null,
    executionArn: null,
    leaseUntil: null,
    progress: null,
    totals: null,
    calculatedAt: null,
    finalizedAt: null,
    paidAt: null,
    resultKey: null,
    version: 1,
  };
  try {
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: periodItem(period),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await getPeriod(id))!;
  }
  return period;
}

export async function listPeriods(limit = 50): Promise<Period[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.periodsIndex },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => Period.parse(stripKeys(item)));
}

/**
 * Moves a period between states only from the states given, atomically, with
 * any other fields to set; a refused move says which rule it broke.
 */
export async function movePeriod(
  id: string,
  from: readonly PeriodState[],
  to: PeriodState,
  set: Partial<Period> = {},
  refusal?: () => Error,
  /** Only if this run holds the period (the lock's owner): a run that lost its lock changes nothing. */
  ownerRunId?: string,
): Promise<Period> {
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
    const result = await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.period(id),
        UpdateExpression: `SET ${sets.join(', ')}, version = version + :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Period.parse(stripKeys(result.Attributes!));
  } catch (error) {
    if (isConditionFailure(error)) {
      const current = await getPeriod(id);
      if (ownerRunId !== undefined && current && current.runId !== ownerRunId && from.includes(current.state)) {
        throw new ConflictError(
          `Period ${id} is held by another run (${current.runId ?? 'none'}), not ${ownerRunId}.`,
          'lock_lost',
        );
      }
      throw (
        refusal?.() ??
        new RuleError(
          'invalid_period_state',
          `Period ${id} is ${current?.state ?? 'missing'}; it must be ${from.join(' or ')} for this.`,
        )
      );
    }
    throw error;
  }
}

/**
 * Ends a finalize: the period moves from finalizing to finalized, its lease
 * released, with `also` in the same transaction (the period.finalized event),
 * so the event is written exactly when the period is finalized. A period
 * finalized already (a task run again) changes nothing; any other state is
 * refused as movePeriod refuses it.
 */
export async function markFinalized(period: Period, finalizedAt: string, also: TableWrite[]): Promise<void> {
  try {
    await transact([
      txUpdate({
        Key: keys.period(period.id),
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
  } catch (error) {
    if (!(error instanceof TransactionConditionError && error.failedIndexes.includes(0))) throw error;
    const current = await getPeriod(period.id);
    if (current?.state === 'finalized') return;
    throw new RuleError(
      'invalid_period_state',
      `Period ${period.id} is ${current?.state ?? 'missing'}; it must be finalizing for this.`,
    );
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
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.period(id),
      UpdateExpression: 'SET progress = :p',
      ExpressionAttributeValues: {
        ':p': { step, done, total, at: new Date().toISOString(), ...(error ? { error } : {}) },
      },
    }),
  );
}

/** One more chunk written (Map iterations run side by side, so the count is an atomic add). */
export async function chunkDone(id: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.period(id),
      UpdateExpression: 'SET progress.#at = :at ADD progress.done :one',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':one': 1, ':at': new Date().toISOString() },
    }),
  );
}
