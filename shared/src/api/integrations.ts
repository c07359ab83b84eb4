import { z } from 'zod';
import { PageQuery, pageOf } from '../paging.js';
import {
  ApiKeyView,
  CreateApiKeyBody,
  CreateWebhookBody,
  DeliveryView,
  UpdateWebhookBody,
  WebhookView,
} from '../integrations/model.js';
import { ADMIN, endpoint } from './endpoint.js';

const KeyId = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'must be an API key id (12 hex digits)') });
const WebhookId = z.object({ id: z.string().regex(/^wh_[0-9a-f]{16}$/, 'must be a webhook endpoint id') });
const DeliveryId = WebhookId.extend({
  eventId: z.string().regex(/^evt_[0-9a-z]{25}$/, 'must be an event id'),
});

/** Admin → Integrations: API keys for other systems, and the webhook endpoints Arbor calls (docs/integrations.md). */
export const integrationsApi = {
  listApiKeys: endpoint({
    auth: ADMIN,
    summary: 'Every API key, newest first: name, prefix, scopes, when it was made, last used and revoked.',
    response: z.object({ items: z.array(ApiKeyView) }),
  }),
  createApiKey: endpoint({
    auth: ADMIN,
    summary: 'Make an API key with scopes; the key itself is in this answer only (only its hash is kept).',
    body: CreateApiKeyBody,
    response: z.object({ apiKey: ApiKeyView, key: z.string() }),
    status: 201,
  }),
  revokeApiKey: endpoint({
    auth: ADMIN,
    summary: 'Revoke an API key: it stops working at once (revoking it again changes nothing).',
    params: KeyId,
    response: z.object({ apiKey: ApiKeyView }),
  }),
  listWebhooks: endpoint({
    auth: ADMIN,
    summary: 'Every webhook endpoint, newest first, with the events it receives.',
    response: z.object({ items: z.array(WebhookView) }),
  }),
  createWebhook: endpoint({
    auth: ADMIN,
    summary: 'Register a webhook endpoint (https); its signing secret is in this answer only.',
    body: CreateWebhookBody,
    response: z.object({ webhook: WebhookView, secret: z.string() }),
    status: 201,
  }),
  updateWebhook: endpoint({
    auth: ADMIN,
    summary: "Change an endpoint's URL, description or events.",
    params: WebhookId,
    body: UpdateWebhookBody,
    response: z.object({ webhook: WebhookView }),
  }),
  disableWebhook: endpoint({
    auth: ADMIN,
    summary: 'Stop deliveries to an endpoint (pending ones fail at their next attempt).',
    params: WebhookId,
    response: z.object({ webhook: WebhookView }),
  }),
  enableWebhook: endpoint({
    auth: ADMIN,
    summary: 'Resume deliveries to a disabled endpoint (events from now on).',
    params: WebhookId,
    response: z.object({ webhook: WebhookView }),
  }),
  deleteWebhook: endpoint({
    auth: ADMIN,
    summary: 'Delete an endpoint (its deliveries stay visible until they expire).',
    params: WebhookId,
    response: null,
    status: 204,
  }),
  listDeliveries: endpoint({
    auth: ADMIN,
    summary: "An endpoint's deliveries, newest first: status, attempts, the last answer or error.",
    params: WebhookId,
    query: PageQuery,
    response: pageOf(DeliveryView),
  }),
  replayDelivery: endpoint({
    auth: ADMIN,
    summary: 'Send a delivery again now (the same event id and body, a new round of attempts).',
    params: DeliveryId,
    response: z.object({ delivery: DeliveryView }),
    status: 202,
  }),
};
