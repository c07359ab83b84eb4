import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@arbor/shared/errors';
import type { CreateWebhookBody, DeliveryView, UpdateWebhookBody, WebhookView } from '@arbor/shared/integrations/model';
import { webhookUrlProblem, type UrlPolicy } from '@arbor/shared/integrations/urls';
import { decryptField, encryptField, type FieldContext } from '../lib/field-crypto.js';
import type { Page } from '../lib/db.js';
import { queueDeliveries } from './queue.js';
import {
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  putNewWebhook,
  restartDelivery,
  saveWebhook,
  type DeliveryRecord,
  type WebhookRecord,
} from './repository.js';

/**
 * Webhook endpoints as the admin manages them: an https URL, the events it
 * wants, and a signing secret shown once at creation and kept encrypted
 * (KMS envelope, like tax ids). Deliveries are listed per endpoint and can be
 * sent again.
 */

/** http to this machine is allowed only where the runtime says so (the local stack and the tests). */
export const urlPolicy = (): UrlPolicy => ({ allowLoopback: process.env.ARBOR_WEBHOOKS_ALLOW_LOOPBACK === 'true' });

function checkUrl(url: string): void {
  const problem = webhookUrlProblem(url, urlPolicy());
  if (problem) {
    throw new ValidationError(`body.url: ${problem}`, [
      { field: 'body.url', rule: 'webhook_url', message: `body.url: ${problem}` },
    ]);
  }
}

/** Binds the encrypted secret to its endpoint: copied onto another record, it will not decrypt. */
const secretContext = (id: string): FieldContext => ({ memberId: `webhook:${id}`, field: 'signingSecret' });

export const webhookView = (record: WebhookRecord): WebhookView => ({
  id: record.id,
  url: record.url,
  description: record.description,
  events: record.events,
  active: record.active,
  secretHint: `whsec_…${record.secret.last4}`,
  createdAt: record.createdAt,
  createdBy: record.createdBy,
  updatedAt: record.updatedAt,
});

export async function createWebhook(
  body: CreateWebhookBody,
  actorId: string,
  now = new Date(),
): Promise<{ webhook: WebhookView; secret: string }> {
  checkUrl(body.url);
  const id = `wh_${randomBytes(8).toString('hex')}`;
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const at = now.toISOString();
  const record: WebhookRecord = {
    id,
    url: body.url,
    description: body.description,
    events: body.events,
    active: true,
    secret: await encryptField(secret, secretContext(id)),
    createdAt: at,
    createdBy: actorId,
    updatedAt: at,
    version: 1,
  };
  if (!(await putNewWebhook(record))) throw new Error(`webhook id ${id} drawn twice`);
  return { webhook: webhookView(record), secret };
}

async function existing(id: string): Promise<WebhookRecord> {
  const record = await getWebhook(id);
  if (!record) throw new NotFoundError('No such webhook endpoint.', 'webhook_not_found');
  return record;
}

async function save(record: WebhookRecord, changes: Partial<WebhookRecord>, now: Date): Promise<WebhookView> {
  const next: WebhookRecord = { ...record, ...changes, updatedAt: now.toISOString(), version: record.version + 1 };
  if (!(await saveWebhook(next, record.version))) {
    throw new ConflictError('The endpoint changed meanwhile. Reload it and try again.', 'version_conflict');
  }
  return webhookView(next);
}

export async function updateWebhook(id: string, body: UpdateWebhookBody, now = new Date()): Promise<WebhookView> {
  if (body.url !== undefined) checkUrl(body.url);
  const record = await existing(id);
  return save(
    record,
    {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.events !== undefined ? { events: body.events } : {}),
    },
    now,
  );
}

/** A disabled endpoint gets no new deliveries, and its pending ones fail at their next attempt. */
export async function setWebhookActive(id: string, active: boolean, now = new Date()): Promise<WebhookView> {
  const record = await existing(id);
  if (record.active === active) return webhookView(record);
  return save(record, { active }, now);
}

export async function removeWebhook(id: string): Promise<void> {
  if (!(await deleteWebhook(id))) throw new NotFoundError('No such webhook endpoint.', 'webhook_not_found');
}

export const webhookViews = async () => (await listWebhooks()).map(webhookView);

export const deliveryView = (record: DeliveryRecord): DeliveryView => ({
  eventId: record.eventId,
  eventType: record.eventType,
  occurredAt: record.occurredAt,
  status: record.status,
  attemptCount: record.attemptCount,
  nextAttemptAt: record.status === 'pending' ? record.nextAttemptAt : null,
  deliveredAt: record.deliveredAt,
  attempts: record.attempts,
});

export async function deliveriesOf(id: string, limit: number, cursor?: string): Promise<Page<DeliveryView>> {
  await existing(id);
  const page = await listDeliveries(id, limit, cursor);
  return { items: page.items.map(deliveryView), cursor: page.cursor };
}

/** Sends a delivery again: a new round of attempts now, the same event (id and body). */
export async function replayDelivery(id: string, eventId: string, now = new Date()): Promise<DeliveryView> {
  await existing(id);
  const generation = await restartDelivery(id, eventId, now.toISOString());
  if (generation === null) throw new NotFoundError('No such delivery for this endpoint.', 'delivery_not_found');
  await queueDeliveries([{ endpointId: id, eventId, generation }]);
  return deliveryView((await getDelivery(id, eventId))!);
}

const secrets = new Map<string, string>();

/** The endpoint's signing secret in clear (decrypted once per function instance and secret). */
export async function signingSecret(record: WebhookRecord): Promise<string> {
  const cacheKey = `${record.id}:${record.secret.encryptedKey}`;
  let secret = secrets.get(cacheKey);
  if (secret === undefined) {
    secret = await decryptField(record.secret, secretContext(record.id));
    secrets.set(cacheKey, secret);
  }
  return secret;
}
