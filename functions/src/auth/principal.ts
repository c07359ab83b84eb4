import { AppError, UnauthorizedError } from '@arbor/shared/errors';
import { authenticateApiKey } from '../integrations/api-keys.js';
import type { Authenticator, Principal } from '../lib/http.js';
import { getSession } from './repository/sessions.js';
import { isLive } from './sessions.js';
import { recordViewed } from './view-as.js';
import { REFRESH_COOKIE, SESSION_COOKIE, verifyAccessToken } from './tokens.js';

export type { Principal } from '../lib/http.js';

/**
 * Reads the session cookie. A valid token whose session was revoked (signed out,
 * password changed, stolen refresh token) is refused at once, not at expiry.
 * With `required` false (public routes) a bad or missing token is simply no one.
 */
export async function resolvePrincipal(cookies: Record<string, string>, required: boolean): Promise<Principal | null> {
  const token = cookies[SESSION_COOKIE];
  if (!token) return null;
  const verified = await verifyAccessToken(token);
  if (!verified.ok) {
    if (!required) return null;
    throw verified.reason === 'expired'
      ? new UnauthorizedError('Your session has expired. Refresh it or sign in again.', 'session_expired')
      : new UnauthorizedError();
  }
  const session = await getSession(verified.claims.sessionId);
  if (!session || !isLive(session) || session.memberId !== verified.claims.memberId) {
    if (!required) return null;
    throw new UnauthorizedError('Your session has ended. Sign in again.', 'session_ended');
  }
  return {
    memberId: session.memberId,
    role: session.role,
    sessionId: session.sessionId,
    family: session.family,
    readOnly: Boolean(session.impersonatedBy),
    ...(session.impersonatedBy ? { impersonatedBy: session.impersonatedBy } : {}),
    ...(session.view ? { viewId: session.view.viewId } : {}),
  };
}

/**
 * Another system calling with an API key (`Authorization: Bearer <key>`),
 * never together with a session cookie (which of the two would act?). The key
 * acts as `apikey:<id>` (that is what logs and orders placed with it name)
 * with what support may see, on the routes whose scope it holds; the HTTP
 * chain checks the scope. Unknown or revoked keys are a 401
 * (integrations/api-keys.ts).
 */
export async function resolveKeyPrincipal(key: string, cookies: Record<string, string>): Promise<Principal> {
  if (cookies[SESSION_COOKIE] || cookies[REFRESH_COOKIE]) {
    throw new AppError(400, 'ambiguous_credentials', 'Send an API key or a session cookie, not both.', [
      {
        field: 'headers.authorization',
        rule: 'one_credential',
        message: 'headers.authorization: not with a session cookie',
      },
    ]);
  }
  const caller = await authenticateApiKey(key);
  const actor = `apikey:${caller.keyId}`;
  return {
    memberId: actor,
    role: 'support',
    sessionId: actor,
    family: actor,
    readOnly: false,
    apiKey: { id: caller.keyId, scopes: caller.scopes },
  };
}

/** How the HTTP chain finds callers: session cookies and API keys (functions/src/area-router.ts). */
export const authenticator: Authenticator = {
  session: resolvePrincipal,
  apiKey: resolveKeyPrincipal,
  viewed: recordViewed,
};
