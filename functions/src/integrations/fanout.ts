import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { WebhookEvent } from '@arbor/shared/integrations/events';
import { streamConsumer } from '../lib/batch.js';
import { logger } from '../lib/logger.js';
import { queueDeliveries, type DeliveryMessage } from './queue.js';
import { getDelivery, listWebhooks, markDeliveryQueued, putNewDelivery, type WebhookRecord } from './repository.js';

/**
 * The outbox's reader: every event item written (in the transaction of the
 * change it reports) arrives here from the table's stream, and becomes one
 * delivery per active endpoint subscribed to its type, each with a message
 * on the webhooks queue (deliver.ts sends it).
 *
 * A batch may be handled twice (a retry after a failure, a redelivery): a
 * delivery is created by a conditional put keyed by event and endpoint, so
 * the second time finds it and creates nothing; its message is sent again
 * only if the first time stopped between the put and the send.
 */
export const handler = streamConsumer('webhook fan-out', async (record) => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  const parsed = WebhookEvent.safeParse({ id: item.id, type: item.type, occurredAt: item.occurredAt, data: item.data });
  if (!parsed.success) {
    logger.error('skipping a malformed outbox event', { key: item.PK, issues: parsed.error.issues });
    return;
  }
  await fanOut(parsed.data as WebhookEvent, await listWebhooks());
});

/** Creates the event's deliveries to the active endpoints that want it, and queues them. */
export async function fanOut(
  event: WebhookEvent,
  endpoints: readonly WebhookRecord[],
  now = new Date(),
): Promise<void> {
  const body = JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data });
  const wanted = endpoints.filter((endpoint) => endpoint.active && endpoint.events.includes(event.type));
  const toQueue: DeliveryMessage[] = [];
  for (const endpoint of wanted) {
    const created = await putNewDelivery({
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      occurredAt: event.occurredAt,
      body,
      status: 'pending',
      generation: 1,
      attemptCount: 0,
      roundStart: 0,
      attempts: [],
      nextAttemptAt: now.toISOString(),
      deliveredAt: null,
      queuedAt: null,
      createdAt: now.toISOString(),
    });
    if (created) {
      toQueue.push({ endpointId: endpoint.id, eventId: event.id, generation: 1 });
      continue;
    }
    const existing = await getDelivery(endpoint.id, event.id);
    if (existing && existing.queuedAt === null && existing.generation === 1) {
      toQueue.push({ endpointId: endpoint.id, eventId: event.id, generation: 1 });
    }
  }
  if (toQueue.length === 0) return;
  await queueDeliveries(toQueue);
  await Promise.all(toQueue.map((m) => markDeliveryQueued(m.endpointId, m.eventId, now.toISOString())));
}
