import { integrationsApi } from '@arbor/shared/api/integrations';
import { route } from '../../lib/http.js';
import { apiKeyViews, createApiKey, revokeKey } from '../api-keys.js';

export const listApiKeys = route(integrationsApi.listApiKeys, async () => ({ items: await apiKeyViews() }));

/** The key is in this answer and nowhere else: the table keeps its hash. */
export const createApiKeyHandler = route(integrationsApi.createApiKey, async ({ body, principal }) =>
  createApiKey(body, principal.memberId),
);

export const revokeApiKey = route(integrationsApi.revokeApiKey, async ({ params, principal }) => ({
  apiKey: await revokeKey(params.id, principal.memberId),
}));
