import { z } from 'zod';

/**
 * What an API key may do. A route accepts a key only if it names one of these
 * (functions/src/lib/http.ts); a key without that scope gets a 403 naming it.
 */
export const API_SCOPES = ['members:read', 'orders:read', 'orders:write', 'commissions:read'] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/**
 * An API key as the caller sends it: `arb_live_`, twelve hex characters that
 * identify the key (kept, and shown in lists as its prefix), then 43
 * characters of secret (32 random bytes, base64url) that are never stored.
 */
export const API_KEY_PREFIX = 'arb_live_';
const KEY_ID_LENGTH = 12;
const API_KEY = /^arb_live_([0-9a-f]{12})[A-Za-z0-9_-]{43}$/;

/** The key's id, or null when the text is not an Arbor API key at all. */
export function apiKeyId(key: string): string | null {
  return API_KEY.exec(key)?.[1] ?? null;
}

/** What a list shows of a key: enough to recognise it, nothing to use it with. */
export const apiKeyPrefix = (keyId: string) => `${API_KEY_PREFIX}${keyId.slice(0, KEY_ID_LENGTH)}`;

/** A key made of an id and a secret (both from the caller's random source). */
export function composeApiKey(keyId: string, secret: string): string {
  const key = `${API_KEY_PREFIX}${keyId}${secret}`;
  if (apiKeyId(key) !== keyId) throw new Error('an API key needs a 12-hex-digit id and a 43-character secret');
  return key;
}
