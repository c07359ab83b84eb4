import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { InProgressError } from './idempotency.js';
import { logger } from './logger.js';
import { flushMetrics } from './metrics.js';

/**
 * Queue and stream consumers report partial batch failures with Powertools'
 * BatchProcessor: a record whose handler throws is named in
 * `batchItemFailures` and only it comes back. A batch where every record
 * failed is answered the same way instead of throwing, so a batch of busy or
 * throttled records is not a Lambda error (the error alarms watch those).
 * A processor is made per invocation: its records and failures are instance
 * state, and the local runtime and the tests run several invocations of one
 * handler at the same time in one process. The metrics a batch recorded are
 * written when it ends.
 */
async function processBatch(
  event: SQSEvent | DynamoDBStreamEvent,
  handle: (record: never) => Promise<unknown>,
  type: keyof typeof EventType,
  context: Context | undefined,
  inParallel: boolean,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  try {
    return await processPartialResponse(event, handle, new BatchProcessor(EventType[type]), {
      ...(context ? { context } : {}),
      throwOnFullBatchFailure: false,
      processInParallel: inParallel,
    });
  } finally {
    flushMetrics();
  }
}

/**
 * An SQS consumer: each message is handled on its own (side by side when
 * `inParallel`); a handler that throws leaves its message for redelivery, and
 * after the queue's maxReceiveCount it goes to the dead-letter queue.
 */
export function sqsConsumer(
  name: string,
  /** Gets the invocation's context too (its remaining time), when Lambda (or the local runtime) gave one. */
  handleMessage: (record: SQSRecord, context?: Context) => Promise<unknown>,
  { inParallel = false } = {},
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const handleLogged = async (record: SQSRecord, context?: Context) => {
    try {
      return await handleMessage(record, context);
    } catch (error) {
      const detail = { messageId: record.messageId, error: (error as Error).message };
      // Another copy of the message is being handled right now: nothing is wrong.
      if (error instanceof InProgressError) logger.info(`${name} message is being handled by another worker`, detail);
      else logger.warn(`${name} message failed; it comes back later`, detail);
      throw error;
    }
  };
  return (event, context) => processBatch(event, handleLogged, 'SQS', context, inParallel);
}

/** A message's body as JSON, or undefined when it is not JSON (its schema then says what is wrong). */
export function messageJson(record: SQSRecord): unknown {
  try {
    return JSON.parse(record.body);
  } catch {
    return undefined;
  }
}

/**
 * A consumer of the table's stream. Records of one item arrive in order and
 * must be applied in order, so they are handled one by one, and once one
 * fails the rest of the batch is not tried: it is reported failed with it, so
 * the retry starts at the failed record (Lambda resumes from the lowest
 * sequence number reported) and nothing is applied ahead of it.
 */
export function streamConsumer(
  name: string,
  handleRecord: (record: DynamoDBRecord) => Promise<unknown>,
): (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse> {
  return (event, context) => {
    let failed = false;
    const inOrder = async (record: DynamoDBRecord) => {
      if (failed) throw new Error('not tried: an earlier record of the batch failed');
      try {
        return await handleRecord(record);
      } catch (error) {
        failed = true;
        logger.error(`${name} stream record failed`, { eventId: record.eventID, error: error as Error });
        throw error;
      }
    };
    return processBatch(event, inOrder, 'DynamoDBStreams', context, false);
  };
}
