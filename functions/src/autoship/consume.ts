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
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = AutoshipMessage.safeParse(safeJson(record.body));
    if (!parsed.success) {
      // Poison: retrying cannot help. Failing it sends it to the DLQ after maxReceiveCount, for a look.
      logger.error('malformed autoship message', { messageId: record.messageId });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      const outcome = await processAutoship(parsed.data);
      logger.info('autoship processed', { ...parsed.data, outcome });
    } catch (error) {
      logger.warn('autoship failed; will retry', { ...parsed.data, error: (error as Error).message });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
