import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys } from '@arbor/shared/table';
import type { WebhookEvent, WebhookEventType } from '@arbor/shared/integrations/events';
import { MAX_KEPT_ATTEMPTS, type DeliveryAttempt, type DeliveryStatus } from '@arbor/shared/integrations/model';
import type { ApiScope } from '@arbor/shared/integrations/scopes';
import type { EncryptedField } from '@arbor/shared/members/model';
import {
  conditionally,
  deleteItem,
  getItem,
  isConditionFailure,
  putItem,
  queryAll,
  queryPage,
  stripKeys,
  txPut,
  updateItem,
  type Page,
  type TableWrite,
} from '../lib/db.js';
import { epochSeconds } from '../lib/ids.js';

/**
 * Every table access of the integrations area, by access pattern: API keys,
 * webhook endpoints, the outbox events other areas write in their own
 * transactions, and one delivery per (event, endpoint).
 */

// ---- API keys ------------------------------------------------------------------

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  /** SHA-256 of the whole key (base64url); the key itself is never stored. */
  secretHash: string;
  scopes: ApiScope[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** Writes a new key; false if its id is taken (the caller draws another). */
export const putNewApiKey = (record: ApiKeyRecord) =>
  conditionally(
    putItem({
      Item: {
        ...keys.apiKey(record.id),
        ...indexKeys(INDEX.apiKeys, keys.apiKeysIndex, keys.createdSort(record.createdAt, record.id)),
        entity: 'apiKey',
        ...record,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );

/** A key by its id, read consistently (a revoke takes effect on the next call). */
export async function getApiKey(id: string): Promise<ApiKeyRecord | null> {
  const item = await getItem(keys.apiKey(id), { ConsistentRead: true });
  return item ? stripKeys<ApiKeyRecord>(item) : null;
}

/** Every key, newest first (a company has a handful). */
export async function listApiKeys(): Promise<ApiKeyRecord[]> {
  const items = await queryAll({ index: INDEX.apiKeys, pk: keys.apiKeysIndex, ScanIndexForward: false });
  return items.map((item) => stripKeys<ApiKeyRecord>(item));
}

/** Revokes a key that is not revoked yet; false when there is no such live key. */
export const revokeApiKey = (id: string, by: string, at: string) =>
  conditionally(
    updateItem({
      Key: keys.apiKey(id),
      UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
      ConditionExpression: 'attribute_exists(PK) AND revokedAt = :null',
      ExpressionAttributeValues: { ':at': at, ':by': by, ':null': null },
    }),
  );

/** Notes a key's use, unless a use since `notBefore` is noted already (at most one write a minute per key). */
export const touchApiKey = (id: string, at: string, notBefore: string) =>
  conditionally(
    updateItem({
      Key: keys.apiKey(id),
      UpdateExpression: 'SET lastUsedAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND (lastUsedAt = :null OR lastUsedAt < :since)',
      ExpressionAttributeValues: { ':at': at, ':null': null, ':since': notBefore },
    }),
  );

// ---- webhook endpoints -----------------------------------------------------------

export interface WebhookRecord {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  active: boolean;
  /** The signing secret, envelope-encrypted (lib/field-crypto.ts); its last 4 are kept for the list. */
  secret: EncryptedField;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

const webhookItem = (record: WebhookRecord) => ({
  ...keys.webhook(record.id),
  ...indexKeys(INDEX.webhooks, keys.webhooksIndex, keys.createdSort(record.createdAt, record.id)),
  entity: 'webhook',
  ...record,
});

export const putNewWebhook = (record: WebhookRecord) =>
  conditionally(putItem({ Item: webhookItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));

/** A new version of an endpoint, if nobody changed it since `expectedVersion` was read. */
export const saveWebhook = (record: WebhookRecord, expectedVersion: number) =>
  conditionally(
    putItem({
      Item: webhookItem(record),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expectedVersion },
    }),
  );

export async function getWebhook(id: string): Promise<WebhookRecord | null> {
  const item = await getItem(keys.webhook(id), { ConsistentRead: true });
  return item ? stripKeys<WebhookRecord>(item) : null;
}

/** Every endpoint, newest first (a company has a handful). */
export async function listWebhooks(): Promise<WebhookRecord[]> {
  const items = await queryAll({ index: INDEX.webhooks, pk: keys.webhooksIndex, ScanIndexForward: false });
  return items.map((item) => stripKeys<WebhookRecord>(item));
}

/** Deletes an endpoint; its deliveries stay until they expire. False when there was none. */
export const deleteWebhook = (id: string) =>
  conditionally(deleteItem({ Key: keys.webhook(id), ConditionExpression: 'attribute_exists(PK)' }));

// ---- the outbox ------------------------------------------------------------------

/** How long an event stays in the table after it is written: enough for the stream to be read again. */
const EVENT_DAYS = 3;

/**
 * The event as a write of the transaction that makes the change it reports
 * (an order paid, a member enrolled…): the change and its event are written
 * together or not at all. The table's stream hands it to fanout.ts.
 */
export const outboxWrite = (event: WebhookEvent): TableWrite =>
  txPut({
    Item: {
      ...keys.outboxEvent(event.id),
      entity: 'outboxEvent',
      ...event,
      expiresAtEpoch: epochSeconds(new Date(event.occurredAt)) + EVENT_DAYS * 86_400,
    },
  });

// ---- deliveries ------------------------------------------------------------------

/** How long a delivery stays visible (and replayable) after its event. */
const DELIVERY_DAYS = 30;

export interface DeliveryRecord {
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  occurredAt: string;
  /** The exact JSON sent (and signed) on every attempt, so a replay after the event expired sends the same. */
  body: string;
  status: DeliveryStatus;
  /** Raised by each replay; a queue message of an older generation is stale. */
  generation: number;
  attemptCount: number;
  /** attemptCount when the current round (the first, or a replay) began. */
  roundStart: number;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** When its first queue message was sent (a fan-out retried after a crash re-sends when this is missing). */
  queuedAt: string | null;
  createdAt: string;
}

/** Creates the delivery of an event to an endpoint; false when it exists already (a stream batch seen again). */
export const putNewDelivery = (record: DeliveryRecord) =>
  conditionally(
    putItem({
      Item: {
        ...keys.webhookDelivery(record.endpointId, record.eventId),
        entity: 'webhookDelivery',
        ...record,
        expiresAtEpoch: epochSeconds(new Date(record.occurredAt)) + DELIVERY_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );

export async function getDelivery(endpointId: string, eventId: string): Promise<DeliveryRecord | null> {
  const item = await getItem(keys.webhookDelivery(endpointId, eventId), { ConsistentRead: true });
  return item ? stripKeys<DeliveryRecord>(item) : null;
}

export const markDeliveryQueued = (endpointId: string, eventId: string, at: string) =>
  updateItem({
    Key: keys.webhookDelivery(endpointId, eventId),
    UpdateExpression: 'SET queuedAt = :at',
    ExpressionAttributeValues: { ':at': at },
  });

/** An endpoint's deliveries, newest first (event ids sort by time). */
export async function listDeliveries(
  endpointId: string,
  limit: number,
  cursor?: string,
): Promise<Page<DeliveryRecord>> {
  const page = await queryPage(
    {
      pk: keys.webhook(endpointId).PK,
      sk: { beginsWith: keys.webhookDeliveryPrefix },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map((item) => stripKeys<DeliveryRecord>(item)), cursor: page.cursor };
}

/**
 * Records an attempt, and what follows: delivered, failed for good, or
 * pending until `nextAttemptAt`. Only if the delivery is still where the
 * attempt found it (pending, same round, same count): false when a replay or
 * another attempt moved it meanwhile, and nothing is counted twice.
 */
export const recordAttempt = (
  delivery: Pick<DeliveryRecord, 'endpointId' | 'eventId' | 'attempts' | 'generation' | 'attemptCount'>,
  attempt: DeliveryAttempt,
  outcome: { status: DeliveryStatus; nextAttemptAt: string | null; deliveredAt: string | null },
) =>
  conditionally(
    updateItem({
      Key: keys.webhookDelivery(delivery.endpointId, delivery.eventId),
      UpdateExpression:
        'SET #status = :status, attempts = :attempts, nextAttemptAt = :next, deliveredAt = :delivered ADD attemptCount :one',
      ConditionExpression: '#status = :pending AND generation = :generation AND attemptCount = :count',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': outcome.status,
        ':attempts': [...delivery.attempts, attempt].slice(-MAX_KEPT_ATTEMPTS),
        ':next': outcome.nextAttemptAt,
        ':delivered': outcome.deliveredAt,
        ':one': 1,
        ':pending': 'pending',
        ':generation': delivery.generation,
        ':count': delivery.attemptCount,
      },
    }),
  );

/**
 * Starts a new round of a delivery (a replay): pending, due now, with a new
 * generation so the messages of the old round stop. Returns the generation,
 * or null when there is no such delivery.
 */
export async function restartDelivery(endpointId: string, eventId: string, now: string): Promise<number | null> {
  try {
    const result = await updateItem({
      Key: keys.webhookDelivery(endpointId, eventId),
      UpdateExpression:
        'SET #status = :pending, nextAttemptAt = :now, roundStart = attemptCount, deliveredAt = :null ADD generation :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':null': null, ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    });
    return result.Attributes?.generation as number;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}
