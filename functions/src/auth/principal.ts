import { UnauthorizedError } from '@arbor/shared/errors';
import type { Role } from '@arbor/shared/members/model';
import { getSession } from './repository/sessions.js';
import { isLive } from './sessions.js';
import { SESSION_COOKIE, verifyAccessToken } from './tokens.js';

/** Who is calling: the member, its role, and its session. */
export interface Principal {
  memberId: string;
  role: Role;
  sessionId: string;
  family: string;
  /** Support viewing the portal as the member: reads only, every one logged. */
  readOnly: boolean;
  impersonatedBy?: string;
}

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
  };
}
