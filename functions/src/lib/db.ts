import {
  BatchGetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '@arbor/shared/errors';
import { keys, type Key } from '@arbor/shared/keys';
import { db } from './aws.js';
import { env } from './env.js';

export type Item = Record<string, unknown>;

export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Network failures: the service could not be reached at all (stopped, restarting, network down). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Errors AWS services answer when they are briefly overloaded or failing, and the SDK's own timeouts. */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * True when an error means a dependency (DynamoDB above all) is unreachable or
 * briefly unable to answer, after the SDK's own retries: the request may
 * succeed later unchanged, so callers answer 503 with Retry-After, not 500.
 * Looks through `cause` and AggregateError's `errors` (Node's connect errors).
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown; $fault?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.cause && isUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isUnavailable(inner, depth + 1));
}

/**
 * Runs a transaction and, when it is canceled, reports which parts failed their
 * condition (by index) so the caller can say which rule was broken.
 */
export async function transact(items: TransactWriteCommandInput['TransactItems']): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? [])
        .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
        .filter((index) => index >= 0);
      if (failed.length > 0) throw new TransactionConditionError(failed);
    }
    throw error;
  }
}

export class TransactionConditionError extends Error {
  constructor(readonly failedIndexes: number[]) {
    super(`transaction condition failed at ${failedIndexes.join(', ')}`);
  }
}

/** A page of a query plus an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

/** The key attributes a start key may hold: the table's and the GSIs' (see shared/src/table.ts). */
const CURSOR_ATTRIBUTE = /^(PK|SK|GSI[1-9]PK|GSI[1-9]SK)$/;

const invalidCursor = () =>
  new ValidationError('query.cursor: is not a cursor this list gave out; start again from the first page.', [
    { field: 'query.cursor', rule: 'invalid_cursor', message: 'query.cursor: is not a cursor this list gave out' },
  ]);

/**
 * A cursor back into a start key. Cursors come from clients, so anything that
 * is not exactly what encodeCursor makes (base64url of an object of 2 to 4 key
 * attributes with string or number values, the table's PK and SK among them)
 * is a 400 naming `cursor`, never a 500. A well-formed cursor of another list
 * is refused by DynamoDB (the start key is outside the query); the guard
 * installed here turns that refusal into the same 400.
 */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor();
  const entries = Object.entries(value);
  const wellFormed =
    entries.length >= 2 &&
    entries.length <= 4 &&
    'PK' in value &&
    'SK' in value &&
    entries.every(
      ([name, v]) =>
        CURSOR_ATTRIBUTE.test(name) &&
        ((typeof v === 'string' && v.length > 0 && v.length <= 1024) || (typeof v === 'number' && Number.isFinite(v))),
    );
  if (!wellFormed) throw invalidCursor();
  guardStartKeys();
  return value as Record<string, unknown>;
}

/** DynamoDB's answer to a start key that does not belong to the query (another list's cursor). */
const isStartKeyRejection = (error: unknown) =>
  (error as { name?: string }).name === 'ValidationException' &&
  /starting key|exclusive ?start ?key/i.test((error as { message?: string }).message ?? '');

let startKeysGuarded = false;
function guardStartKeys() {
  if (startKeysGuarded) return;
  startKeysGuarded = true;
  db().middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const input = args.input as { ExclusiveStartKey?: unknown };
        if (input.ExclusiveStartKey && isStartKeyRejection(error)) {
          throw invalidCursor();
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'arborStartKeyGuard' },
  );
}

/** Every item a query matches, page after page (for bounded sets: a catalog, a member's children, a period). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({ TableName: env.tableName(), ...input, ExclusiveStartKey: start }),
    );
    items.push(...((result.Items ?? []) as Item[]));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The next value of an atomic counter (member IDs, order numbers): short numbers people can read out. */
export async function nextCounter(name: string, start: number): Promise<string> {
  const result = await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.counter(name),
      UpdateExpression: 'SET #value = if_not_exists(#value, :start) + :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':start': start, ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return String(result.Attributes?.value);
}

export async function queryPage(input: Omit<QueryCommandInput, 'TableName'>, cursor?: string): Promise<Page<Item>> {
  const result = await db().send(
    new QueryCommand({ TableName: env.tableName(), ExclusiveStartKey: decodeCursor(cursor), ...input }),
  );
  return { items: (result.Items ?? []) as Item[], cursor: encodeCursor(result.LastEvaluatedKey) };
}

/** Gets up to any number of items by key, 100 per call, retrying unprocessed keys. */
export async function batchGet(keyList: Key[]): Promise<Item[]> {
  const table = env.tableName();
  const out: Item[] = [];
  for (let start = 0; start < keyList.length; start += 100) {
    let pending: Key[] = keyList.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      out.push(...((result.Responses?.[table] ?? []) as Item[]));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return out;
}

/** Removes the table's key attributes and entity tag from an item before it leaves the repository. */
export function stripKeys<T>(item: Item): T {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _a,
    GSI1SK: _b,
    GSI2PK: _c,
    GSI2SK: _d,
    GSI3PK: _e,
    GSI3SK: _f,
    GSI4PK: _g,
    GSI4SK: _h,
    entity: _entity,
    ...rest
  } = item;
  return rest as T;
}

type TransactItems = NonNullable<Parameters<typeof transact>[0]>;

/**
 * Applies updates exactly once per event (a stream record's id): each
 * transaction of up to 99 updates carries a mark (event, part) that may exist
 * once, so a retried batch changes nothing twice.
 */
export async function applyOnce(
  table: string,
  eventId: string,
  updates: TransactItems,
  markKey: (part: number) => Key,
) {
  for (let part = 0; part * 99 < updates.length; part++) {
    const mark = {
      ...markKey(part),
      entity: 'appliedEvent',
      expiresAtEpoch: Math.floor(Date.now() / 1000) + 2 * 86_400,
    };
    try {
      await transact([
        { Put: { TableName: table, Item: mark, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...updates.slice(part * 99, part * 99 + 99),
      ]);
    } catch (error) {
      // Index 0 is the mark: already applied. Anything else is a real failure.
      if (error instanceof TransactionConditionError && error.failedIndexes.every((i) => i === 0)) continue;
      throw error;
    }
  }
}
