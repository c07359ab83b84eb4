import type { SQSRecord } from 'aws-lambda';
import { retryDelaySeconds, type DeliveryStatus } from '@arbor/shared/integrations/model';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from '@arbor/shared/integrations/signature';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { InProgressError, once } from '../lib/idempotency.js';
import { epochSeconds } from '../lib/ids.js';
import { logger } from '../lib/logger.js';
import { postWebhook, type PostOutcome } from './post.js';
import { DeliveryMessage, wakeAgainIn } from './queue.js';
import { getDelivery, getWebhook, recordAttempt, type DeliveryRecord } from './repository.js';
import { signingSecret, urlPolicy } from './webhooks.js';

/**
 * How long an attempt in progress holds its key: longer than one attempt can
 * take (the consumer's timeout, 60 s), shorter than the queue's visibility
 * timeout (360 s), so the redelivery of a message whose worker died finds
 * the attempt free to be made.
 */
const LEASE_SECONDS = 90;

/** The message must come back in `seconds` (the next attempt is due then); not a failure of the consumer. */
class ComeBackLater extends Error {
  constructor(readonly seconds: number) {
    super(`next look in ${Math.round(seconds)} s`);
  }
}

/**
 * The webhooks queue's consumer: each message is one delivery that is due (or
 * about to be). An attempt POSTs the event, signed, and records the outcome on
 * the delivery; after a failure the message is kept out of sight until the
 * next attempt is due (exponential backoff, 8 attempts over about a day) and
 * only then comes back. The delivery item decides everything: a message of
 * an older round (before a replay) or of a delivery already done is dropped,
 * and each attempt runs once (Powertools idempotency keyed by delivery, round
 * and attempt number), so a duplicated message makes no second POST.
 * Messages are independent and run side by side: ten slow receivers take ten
 * seconds, not a hundred.
 */
export const handler = sqsConsumer(
  'webhooks',
  async (record) => {
    const parsed = DeliveryMessage.safeParse(messageJson(record));
    if (!parsed.success) {
      logger.error('dropping malformed webhook message', { messageId: record.messageId, issues: parsed.error.issues });
      return;
    }
    const waitSeconds = await runDelivery(parsed.data);
    if (waitSeconds !== null) await keepFor(record, waitSeconds);
  },
  { inParallel: true },
);

/** Hides the message until the delivery is due again and reports it failed, so it comes back then. */
async function keepFor(record: SQSRecord, seconds: number): Promise<never> {
  await wakeAgainIn(record, seconds);
  throw new ComeBackLater(seconds);
}

/**
 * Runs a delivery if it is due: the seconds until the message should come
 * back (the next attempt, or the end of another worker's attempt), or null
 * when the delivery needs this message no more (delivered, failed, replayed,
 * gone).
 */
export async function runDelivery(message: DeliveryMessage): Promise<number | null> {
  const delivery = await getDelivery(message.endpointId, message.eventId);
  if (!current(delivery, message)) return null;
  const now = Date.now();
  const due = delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) : now;
  if (due - now > 1000) return (due - now) / 1000;
  try {
    return await attemptOnce({ ...message, attemptCount: delivery.attemptCount });
  } catch (error) {
    // Another copy of the message is making this attempt: look again once it must be over.
    if (error instanceof InProgressError) return LEASE_SECONDS;
    throw error;
  }
}

const current = (delivery: DeliveryRecord | null, message: DeliveryMessage): delivery is DeliveryRecord =>
  delivery !== null && delivery.generation === message.generation && delivery.status === 'pending';

interface AttemptKey extends DeliveryMessage {
  attemptCount: number;
}

const attemptOnce = once(
  {
    use: 'webhook',
    key: (a: AttemptKey) => `${a.endpointId}:${a.eventId}:${a.generation}:${a.attemptCount}`,
    leaseSeconds: LEASE_SECONDS,
    // A copy of a message can come back while the delivery's round lasts (about a day).
    keepSeconds: 2 * 86_400,
  },
  attempt,
);

/** One attempt: POST, then record what came of it. The seconds to the next attempt, or null when done. */
async function attempt(key: AttemptKey): Promise<number | null> {
  const delivery = await getDelivery(key.endpointId, key.eventId);
  if (!current(delivery, key) || delivery.attemptCount !== key.attemptCount) return null;
  const endpoint = await getWebhook(delivery.endpointId);
  const outcome: PostOutcome =
    endpoint && endpoint.active
      ? await post(delivery, endpoint.url, await signingSecret(endpoint))
      : { statusCode: null, error: endpoint ? 'the endpoint is disabled' : 'the endpoint was deleted', durationMs: 0 };

  const at = new Date();
  const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  // A disabled or deleted endpoint fails the delivery at once; otherwise the round's schedule decides.
  const delay =
    succeeded || !endpoint?.active ? null : retryDelaySeconds(delivery.attemptCount - delivery.roundStart + 1);
  const status: DeliveryStatus = succeeded ? 'delivered' : delay === null ? 'failed' : 'pending';
  const recorded = await recordAttempt(
    delivery,
    { at: at.toISOString(), statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs },
    {
      status,
      nextAttemptAt: delay === null ? null : new Date(at.getTime() + delay * 1000).toISOString(),
      deliveredAt: succeeded ? at.toISOString() : null,
    },
  );
  if (!recorded) {
    // A replay started a new round meanwhile: its own message carries it on.
    logger.warn('webhook attempt not recorded: the delivery moved on meanwhile', { ...key });
    return null;
  }
  if (status !== 'pending') logger.info(`webhook ${status}`, { ...key, attempts: delivery.attemptCount + 1 });
  return delay;
}

async function post(delivery: DeliveryRecord, url: string, secret: string): Promise<PostOutcome> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Arbor-Webhooks/1.0',
    [SIGNATURE_HEADER.toLowerCase()]: await signatureHeader(secret, epochSeconds(new Date()), delivery.body),
    [EVENT_ID_HEADER.toLowerCase()]: delivery.eventId,
  };
  return postWebhook(url, delivery.body, headers, urlPolicy());
}
