import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type ScanCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '@arbor/shared/errors';
import { keys, type Key } from '@arbor/shared/keys';
import { KEY_ATTRIBUTES, TABLE_KEY, type Index } from '@arbor/shared/table';
import { db } from './aws.js';
import { env } from './env.js';

/**
 * The plumbing the area stores (`<area>/repository.ts` or `<area>/repository/`)
 * send their requests through: every request goes to the one table, so no
 * store names it, and queries name their index by `INDEX` (shared/src/table.ts)
 * and their partition by a builder of `keys` (shared/src/keys.ts).
 */

export type Item = Record<string, unknown>;

export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Runs a conditional write: true when it was made, false when its condition failed (any other error is thrown). */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

type OnTable<T> = Omit<T, 'TableName'>;

/** One item by key; `input` adds ConsistentRead or a projection. */
export async function getItem(
  key: Key,
  input: Omit<OnTable<GetCommandInput>, 'Key'> = {},
  options: { abortSignal?: AbortSignal } = {},
): Promise<Item | undefined> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: key, ...input }), options);
  return result.Item;
}

export const putItem = (input: OnTable<PutCommandInput>) =>
  db().send(new PutCommand({ TableName: env.tableName(), ...input }));

export const updateItem = (input: OnTable<UpdateCommandInput>) =>
  db().send(new UpdateCommand({ TableName: env.tableName(), ...input }));

export const deleteItem = (input: OnTable<DeleteCommandInput>) =>
  db().send(new DeleteCommand({ TableName: env.tableName(), ...input }));

/** One write of a transaction (see `transact`); stores build them with txPut, txUpdate and txDelete. */
export type TableWrite = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type WritePart<K extends 'Put' | 'Update' | 'Delete'> = OnTable<NonNullable<TableWrite[K]>>;

export const txPut = (put: WritePart<'Put'>): TableWrite => ({ Put: { TableName: env.tableName(), ...put } });
export const txUpdate = (update: WritePart<'Update'>): TableWrite => ({
  Update: { TableName: env.tableName(), ...update },
});
export const txDelete = (del: WritePart<'Delete'>): TableWrite => ({
  Delete: { TableName: env.tableName(), ...del },
});

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
export async function transact(items: TableWrite[]): Promise<void> {
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
const CURSOR_ATTRIBUTES = new Set(KEY_ATTRIBUTES);

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
    TABLE_KEY.partitionKey in value &&
    TABLE_KEY.sortKey in value &&
    entries.every(
      ([name, v]) =>
        CURSOR_ATTRIBUTES.has(name) &&
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

/** A sort-key condition: a prefix, a range (both ends included) or a lower bound. */
export type SortCondition = { beginsWith: string } | { between: readonly [string, string] } | { atLeast: string };

/**
 * What a query reads: one partition (`pk`, from `keys`) of the table or of an
 * index (from `INDEX`), optionally narrowed on the sort key; the rest is the
 * Query's own options (filter, projection, order, limit), whose expression
 * values join the key condition's `:pk`, `:sk` and `:skTo`.
 */
export type QuerySpec = {
  /** The table itself when absent. */
  index?: Index;
  pk: string;
  sk?: SortCondition;
} & Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'KeyConditionExpression' | 'ExclusiveStartKey'>;

export type StartKey = Record<string, unknown>;

function queryInput({ index, pk, sk, ExpressionAttributeValues, ...options }: QuerySpec, start?: StartKey) {
  const pkName = index?.partitionKey ?? TABLE_KEY.partitionKey;
  const skName = index?.sortKey ?? TABLE_KEY.sortKey;
  const values: Record<string, unknown> = { ':pk': pk };
  let condition = `${pkName} = :pk`;
  if (sk && 'beginsWith' in sk) {
    condition += ` AND begins_with(${skName}, :sk)`;
    values[':sk'] = sk.beginsWith;
  } else if (sk && 'between' in sk) {
    condition += ` AND ${skName} BETWEEN :sk AND :skTo`;
    [values[':sk'], values[':skTo']] = sk.between;
  } else if (sk) {
    condition += ` AND ${skName} >= :sk`;
    values[':sk'] = sk.atLeast;
  }
  return new QueryCommand({
    TableName: env.tableName(),
    ...(index ? { IndexName: index.indexName } : {}),
    KeyConditionExpression: condition,
    ExpressionAttributeValues: { ...values, ...ExpressionAttributeValues },
    ...options,
    ExclusiveStartKey: start,
  });
}

/** One request of a query: its items, where the next one starts (if any), and its count. */
export async function query(
  spec: QuerySpec,
  start?: StartKey,
): Promise<{ items: Item[]; lastKey: StartKey | undefined; count: number }> {
  const result = await db().send(queryInput(spec, start));
  return { items: (result.Items ?? []) as Item[], lastKey: result.LastEvaluatedKey, count: result.Count ?? 0 };
}

/** Every item a query matches, page after page (for bounded sets: a catalog, a member's children, a period). */
export async function queryAll(spec: QuerySpec): Promise<Item[]> {
  const items: Item[] = [];
  let start: StartKey | undefined;
  do {
    const result = await query(spec, start);
    items.push(...result.items);
    start = result.lastKey;
  } while (start);
  return items;
}

/** How many items a query matches (counted by DynamoDB, page after page; no items are returned). */
export async function queryCount(spec: QuerySpec): Promise<number> {
  let count = 0;
  let start: StartKey | undefined;
  do {
    const result = await query({ ...spec, Select: 'COUNT' }, start);
    count += result.count;
    start = result.lastKey;
  } while (start);
  return count;
}

/** Where a page that ends at `item` continues: its table key, and its key in the index the query read. */
export function startKeyOf(item: Item, index?: Index): StartKey {
  const names = [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

/** One page of a scan: only one-off maintenance scans (a backfill); no request path scans the table. */
export async function scanPage(
  input: Omit<OnTable<ScanCommandInput>, 'ExclusiveStartKey'>,
  start?: StartKey,
): Promise<{ items: Item[]; lastKey: StartKey | undefined }> {
  const result = await db().send(new ScanCommand({ TableName: env.tableName(), ...input, ExclusiveStartKey: start }));
  return { items: (result.Items ?? []) as Item[], lastKey: result.LastEvaluatedKey };
}

/** The next value of an atomic counter (member IDs, order numbers): short numbers people can read out. */
export async function nextCounter(name: string, start: number): Promise<string> {
  const result = await updateItem({
    Key: keys.counter(name),
    UpdateExpression: 'SET #value = if_not_exists(#value, :start) + :one',
    ExpressionAttributeNames: { '#value': 'value' },
    ExpressionAttributeValues: { ':start': start, ':one': 1 },
    ReturnValues: 'UPDATED_NEW',
  });
  return String(result.Attributes?.value);
}

/** One page of a query, from a client's cursor, with the cursor of the next page. */
export async function queryPage(spec: QuerySpec, cursor?: string): Promise<Page<Item>> {
  const result = await query(spec, decodeCursor(cursor));
  return { items: result.items, cursor: encodeCursor(result.lastKey) };
}

/** Waits before retrying what a batch request left unprocessed: 25 ms, doubling, at most a second. */
export const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));

/**
 * Gets up to any number of items by key, 100 per call, retrying unprocessed keys; with
 * `attributes`, only those (the item's size is what a read costs, in time and capacity).
 */
export async function batchGet(keyList: Key[], attributes?: readonly string[]): Promise<Item[]> {
  const table = env.tableName();
  const projection = attributes?.length
    ? {
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
      }
    : {};
  const out: Item[] = [];
  for (let start = 0; start < keyList.length; start += 100) {
    let pending: Key[] = keyList.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await db().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...projection } } }),
      );
      out.push(...((result.Responses?.[table] ?? []) as Item[]));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
      if (pending.length > 0) await backOff(attempt);
    }
  }
  return out;
}

const STRIPPED = new Set([...KEY_ATTRIBUTES, 'entity']);

/** Removes the table's key attributes and entity tag from an item before it leaves the repository. */
export function stripKeys<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STRIPPED.has(name))) as T;
}

/**
 * Applies updates exactly once per event (a stream record's id): each
 * transaction of up to 99 updates carries a mark (event, part) that may exist
 * once, so a retried batch changes nothing twice.
 */
export async function applyOnce(eventId: string, updates: TableWrite[]) {
  for (let part = 0; part * 99 < updates.length; part++) {
    const mark = {
      ...keys.appliedEvent(eventId, part),
      entity: 'appliedEvent',
      expiresAtEpoch: Math.floor(Date.now() / 1000) + 2 * 86_400,
    };
    try {
      await transact([
        txPut({ Item: mark, ConditionExpression: 'attribute_not_exists(PK)' }),
        ...updates.slice(part * 99, part * 99 + 99),
      ]);
    } catch (error) {
      // Index 0 is the mark: already applied. Anything else is a real failure.
      if (error instanceof TransactionConditionError && error.failedIndexes.every((i) => i === 0)) continue;
      throw error;
    }
  }
}
