import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { AutoshipMessage } from '@arbor/shared/orders/autoship';
import { logger } from '../lib/logger.js';
import { processAutoship } from './run.js';

/**
 * Processes queued autoship runs. A failure (throttling, a timeout) leaves
 * that message for redelivery; after the queue's maxReceiveCount it goes to
 * the DLQ. Processing is idempotent, so redelivery never charges twice.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  // The records of a batch are different autoships: process them side by side.
  const results = await Promise.all(
    event.Records.map(async (record) => {
      const parsed = AutoshipMessage.safeParse(safeJson(record.body));
      if (!parsed.success) {
        // Poison: retrying cannot help. Failing it sends it to the DLQ after maxReceiveCount, for a look.
        logger.error('malformed autoship message', { messageId: record.messageId });
        return record.messageId;
      }
      try {
        const outcome = await processAutoship(parsed.data);
        logger.info('autoship processed', { ...parsed.data, outcome });
        return null;
      } catch (error) {
        logger.warn('autoship failed; will retry', { ...parsed.data, error: (error as Error).message });
        return record.messageId;
      }
    }),
  );
  return {
    batchItemFailures: results.filter((id): id is string => id !== null).map((itemIdentifier) => ({ itemIdentifier })),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
