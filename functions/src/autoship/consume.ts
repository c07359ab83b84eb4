import { AutoshipMessage } from '@arbor/shared/orders/autoship';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { once } from '../lib/idempotency.js';
import { logger } from '../lib/logger.js';
import { processAutoship } from './run.js';

/**
 * One run per smart order and due date, however often its message arrives:
 * a copy arriving while the run is under way comes back later, and one
 * arriving after it gets the run's outcome without running again. Beneath
 * this, processAutoship is itself exactly once per (autoship, run date) for
 * the money (the run's order is created once, each charge has its own key),
 * which covers a worker that died mid-run and whose lease ran out.
 */
const runOnce = once(
  {
    use: 'autoship',
    key: (message: AutoshipMessage) => `${message.autoshipId}:${message.dueDate}`,
    // Longer than the consumer's timeout (60 s); shorter than the queue's visibility timeout (360 s).
    leaseSeconds: 120,
    keepSeconds: 7 * 86_400,
  },
  (message) => processAutoship(message),
);

/**
 * Processes queued autoship runs. A failure (throttling, a timeout) leaves
 * that message for redelivery; after the queue's maxReceiveCount it goes to
 * the DLQ.
 */
export const handler = sqsConsumer(
  'autoship',
  async (record) => {
    const parsed = AutoshipMessage.safeParse(messageJson(record));
    // Poison: retrying cannot help. Failing it sends it to the DLQ after maxReceiveCount, for a look.
    if (!parsed.success) throw new Error('malformed autoship message');
    const outcome = await runOnce(parsed.data);
    logger.info('autoship processed', { ...parsed.data, outcome });
  },
  // The records of a batch are different autoships: process them side by side.
  { inParallel: true },
);
