import { randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError, UnauthorizedError } from '@arbor/shared/errors';
import type { ApiKeyView, CreateApiKeyBody } from '@arbor/shared/integrations/model';
import { apiKeyId, apiKeyPrefix, composeApiKey, type ApiScope } from '@arbor/shared/integrations/scopes';
import { hashToken } from '../lib/ids.js';
import { RATE_LIMITS, takeRateLimit } from '../lib/rate-limit.js';
import { getApiKey, listApiKeys, putNewApiKey, revokeApiKey, touchApiKey, type ApiKeyRecord } from './repository.js';

/**
 * API keys for server-to-server calls. The key is shown once, when it is
 * made; the table keeps its SHA-256, its id (the 12 hex digits after
 * `arb_live_`, shown as its prefix), its scopes, and when it was last used.
 */

export const apiKeyView = ({ secretHash: _hash, ...view }: ApiKeyRecord): ApiKeyView => view;

export async function createApiKey(
  body: CreateApiKeyBody,
  actorId: string,
  now = new Date(),
): Promise<{ apiKey: ApiKeyView; key: string }> {
  // 48 bits of id: a clash is all but impossible, and a clash only draws again.
  for (let tries = 0; tries < 3; tries++) {
    const id = randomBytes(6).toString('hex');
    const key = composeApiKey(id, randomBytes(32).toString('base64url'));
    const record: ApiKeyRecord = {
      id,
      name: body.name,
      prefix: apiKeyPrefix(id),
      secretHash: hashToken(key),
      scopes: body.scopes,
      createdAt: now.toISOString(),
      createdBy: actorId,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    if (await putNewApiKey(record)) return { apiKey: apiKeyView(record), key };
  }
  throw new Error('no free API key id after 3 draws');
}

export const apiKeyViews = async () => (await listApiKeys()).map(apiKeyView);

export async function revokeKey(id: string, actorId: string, now = new Date()): Promise<ApiKeyView> {
  if (!(await revokeApiKey(id, actorId, now.toISOString()))) {
    const record = await getApiKey(id);
    if (!record) throw new NotFoundError('No such API key.', 'api_key_not_found');
    return apiKeyView(record); // revoked already: the same answer again
  }
  return apiKeyView((await getApiKey(id))!);
}

/** The caller behind an API key: the key's id and what it may do. */
export interface KeyCaller {
  keyId: string;
  name: string;
  scopes: readonly ApiScope[];
}

/** A key's last use is noted at most once a minute, not on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const invalidKey = () => new UnauthorizedError('This API key is not valid.', 'api_key_invalid');

/**
 * Checks a key sent as `Authorization: Bearer <key>`: unknown, malformed or
 * revoked keys are a 401 (one answer for all three but revoked, which says
 * so); a known key counts against its rate limit and has its last use noted.
 */
export async function authenticateApiKey(key: string, now = new Date()): Promise<KeyCaller> {
  const id = apiKeyId(key);
  const record = id ? await getApiKey(id) : null;
  const hash = Buffer.from(hashToken(key));
  const stored = Buffer.from(record?.secretHash ?? '');
  if (!record || stored.length !== hash.length || !timingSafeEqual(stored, hash)) throw invalidKey();
  if (record.revokedAt) throw new UnauthorizedError('This API key was revoked.', 'api_key_revoked');
  await takeRateLimit(RATE_LIMITS.apiKey, record.id, now);
  const since = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (!record.lastUsedAt || record.lastUsedAt < since) await touchApiKey(record.id, now.toISOString(), since);
  return { keyId: record.id, name: record.name, scopes: record.scopes };
}
