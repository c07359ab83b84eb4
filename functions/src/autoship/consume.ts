import { AutoshipMessage } from '@arbor/shared/orders/autoship';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { logger } from '../lib/logger.js';
import { processAutoship } from './run.js';

/**
 * Processes queued autoship runs. A failure (throttling, a timeout) leaves
 * that message for redelivery; after the queue's maxReceiveCount it goes to
 * the DLQ. Processing is idempotent, so redelivery never charges twice.
 */
export const handler = sqsConsumer(
  'autoship',
  async (record) => {
    const parsed = AutoshipMessage.safeParse(messageJson(record));
    // Poison: retrying cannot help. Failing it sends it to the DLQ after maxReceiveCount, for a look.
    if (!parsed.success) throw new Error('malformed autoship message');
    const outcome = await processAutoship(parsed.data);
    logger.info('autoship processed', { ...parsed.data, outcome });
  },
  // The records of a batch are different autoships: process them side by side.
  { inParallel: true },
);
