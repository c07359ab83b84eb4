import { integrationsApi } from '@arbor/shared/api/integrations';
import { areaRouter } from '../area-router.js';
import { createApiKeyHandler, listApiKeys, revokeApiKey } from './handlers/api-keys.js';
import {
  createWebhookHandler,
  deleteWebhook,
  disableWebhook,
  enableWebhook,
  listDeliveries,
  listWebhooks,
  replayDeliveryHandler,
  updateWebhookHandler,
} from './handlers/webhooks.js';

export const handler = areaRouter('integrations', integrationsApi, {
  listApiKeys,
  createApiKey: createApiKeyHandler,
  revokeApiKey,
  listWebhooks,
  createWebhook: createWebhookHandler,
  updateWebhook: updateWebhookHandler,
  disableWebhook,
  enableWebhook,
  deleteWebhook,
  listDeliveries,
  replayDelivery: replayDeliveryHandler,
});
