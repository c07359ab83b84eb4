import type { Context } from 'aws-lambda';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConflictError, type ErrorDetail } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { TABLE_KEY, TTL_ATTRIBUTE } from '@arbor/shared/table';
import { dynamoDbClient } from './aws.js';
import { env } from './env.js';

/**
 * Request idempotency with Powertools, on our one table: a call with a key
 * seen before is not run again but answered with the first call's result;
 * while the first call runs, a second one with the same key is refused
 * (`InProgressError`, a 409 over HTTP; a queue message comes back later).
 * A call that throws leaves no record, so its retry runs again.
 *
 * Records live in the partition `IDEMPOTENCY#<use>` (keys.idempotency), sort
 * key `<use>#<hash of the key>`, and expire through the table's TTL attribute.
 * This is for requests and messages; money already claimed in the table
 * (pending tenders and refunds, orders/payment.ts and lifecycle.ts) keeps its
 * own claims, in the same transaction as the money's state.
 */
export interface OnceOptions<A> {
  /** What the calls are (`email`, `autoship`, `checkout`): names the records' partition and hash prefix. */
  use: string;
  /** Calls with the same key are one call. */
  key: (arg: A) => string;
  /**
   * For keys a client chooses: what else must match for a repeat to be the
   * same request. The same key with a different value here is a 409
   * (`idempotency_key_reused`), not the first call's result.
   */
  sameRequest?: (arg: A) => string;
  /**
   * How long a call in progress holds its key: longer than the function can
   * run, so a live call never loses it; a call whose process died is taken
   * over after it (for a queue: shorter than the visibility timeout, so the
   * redelivery finds it expired).
   */
  leaseSeconds: number;
  /** How long a finished call's result is kept and replayed. */
  keepSeconds: number;
  /** The request field that carries the key, named in a 409. */
  field?: string;
}

/** Another call with the same key is running now: try again in a moment (queue messages come back by themselves). */
export class InProgressError extends ConflictError {
  constructor(field?: string) {
    super(
      'The same request is being processed; try again in a moment.',
      'request_in_progress',
      field ? [{ field, rule: 'in_progress', message: `${field}: a request with this key is being processed` }] : [],
    );
  }
}

/** The key was used before for a different request. */
export function keyReusedError(field?: string): ConflictError {
  const details: ErrorDetail[] = field
    ? [{ field, rule: 'reused', message: `${field}: was used for another request` }]
    : [];
  return new ConflictError(
    'That idempotency key was already used for another request; send a new one.',
    'idempotency_key_reused',
    details,
  );
}

/** What Powertools sees of a call: the key it hashes, the request it validates, and the argument. */
interface Call<A> {
  key: string;
  sameRequest?: string;
  arg: A;
}

/**
 * Powertools takes an in-progress record's expiry from the Lambda context's
 * remaining time. A fixed lease longer than the function's timeout is never
 * shorter than that, and holds the same in tests and the local runtime, which
 * call functions without a context.
 */
const leaseContext = (seconds: number) => ({ getRemainingTimeInMillis: () => seconds * 1000 }) as Context;

/** Makes `work` run once per key (see OnceOptions); results must be JSON, as they are stored and replayed. */
export function once<A, R>(options: OnceOptions<A>, work: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  let run: ((call: Call<A>) => Promise<R>) | undefined;
  return async (arg) => {
    // Built on first use: the table's name is read from the environment then, not at import.
    run ??= idempotent(options, work);
    const call: Call<A> = {
      key: options.key(arg),
      ...(options.sameRequest ? { sameRequest: options.sameRequest(arg) } : {}),
      arg,
    };
    try {
      return await run(call);
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) throw new InProgressError(options.field);
      if (error instanceof IdempotencyValidationError) throw keyReusedError(options.field);
      // A database failure under the idempotency record: the database's own error (a 503 when it is unavailable).
      if (error instanceof IdempotencyPersistenceLayerError && error.cause instanceof Error) throw error.cause;
      throw error;
    }
  };
}

function idempotent<A, R>(options: OnceOptions<A>, work: (arg: A) => Promise<R>) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: env.tableName(),
    awsSdkV3Client: dynamoDbClient(),
    keyAttr: TABLE_KEY.partitionKey,
    sortKeyAttr: TABLE_KEY.sortKey,
    staticPkValue: keys.idempotency(options.use),
    expiryAttr: TTL_ATTRIBUTE,
  });
  const config = new IdempotencyConfig({
    // Only the key is hashed into the record's key, and only sameRequest into its validation hash.
    eventKeyJmesPath: 'key',
    ...(options.sameRequest ? { payloadValidationJmesPath: 'sameRequest' } : {}),
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.keepSeconds,
    lambdaContext: leaseContext(options.leaseSeconds),
  });
  // The result is stored as JSON and a replay returns that; the first caller gets the same JSON shape.
  const runCall = async (call: Call<A>): Promise<R> => {
    const result = await work(call.arg);
    return result === undefined ? result : (JSON.parse(JSON.stringify(result)) as R);
  };
  return makeIdempotent(runCall, { persistenceStore, config, keyPrefix: options.use });
}
