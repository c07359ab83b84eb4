import { integrationsApi } from '@arbor/shared/api/integrations';
import { noContent, route } from '../../lib/http.js';
import {
  createWebhook,
  deliveriesOf,
  removeWebhook,
  replayDelivery,
  setWebhookActive,
  updateWebhook,
  webhookViews,
} from '../webhooks.js';

export const listWebhooks = route(integrationsApi.listWebhooks, async () => ({ items: await webhookViews() }));

/** The signing secret is in this answer and nowhere else in clear: the table keeps it encrypted. */
export const createWebhookHandler = route(integrationsApi.createWebhook, async ({ body, principal }) =>
  createWebhook(body, principal.memberId),
);

export const updateWebhookHandler = route(integrationsApi.updateWebhook, async ({ params, body }) => ({
  webhook: await updateWebhook(params.id, body),
}));

export const disableWebhook = route(integrationsApi.disableWebhook, async ({ params }) => ({
  webhook: await setWebhookActive(params.id, false),
}));

export const enableWebhook = route(integrationsApi.enableWebhook, async ({ params }) => ({
  webhook: await setWebhookActive(params.id, true),
}));

export const deleteWebhook = route(integrationsApi.deleteWebhook, async ({ params }) => {
  await removeWebhook(params.id);
  return noContent();
});

export const listDeliveries = route(integrationsApi.listDeliveries, async ({ params, query }) =>
  deliveriesOf(params.id, query.limit, query.cursor),
);

/** Queues the delivery again at once; the answer is the delivery as it now stands (pending). */
export const replayDeliveryHandler = route(integrationsApi.replayDelivery, async ({ params }) => ({
  delivery: await replayDelivery(params.id, params.eventId),
}));
