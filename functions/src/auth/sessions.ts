import type { Role } from '@arbor/shared/members/model';
import { hashToken, newToken } from '../lib/ids.js';
import { insertSession, getSession, replaceSession, revokeSession, sessionsOfMember } from './repository/sessions.js';
import type { Session } from './repository/sessions.js';
import { REFRESH_SESSION_DAYS } from './tokens.js';

export { revokeSession };

/**
 * Refresh sessions. Refreshing rotates one: the old session is marked rotated
 * and a new one continues the same family; a rotated token presented again
 * means it was stolen, and the whole family is revoked.
 */

export interface SessionOrigin {
  ip: string;
  userAgent: string;
  /** Approximate place of the viewer (CloudFront's geolocation), kept in the sign-in history. */
  location?: string | null;
}

function newSession(memberId: string, role: Role, family: string, origin: SessionOrigin) {
  const refreshToken = newToken();
  const now = new Date();
  const session: Session = {
    sessionId: hashToken(refreshToken),
    memberId,
    role,
    family,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + REFRESH_SESSION_DAYS * 86_400_000).toISOString(),
    ip: origin.ip,
    userAgent: origin.userAgent.slice(0, 400),
  };
  return { refreshToken, session };
}

export async function createSession(memberId: string, role: Role, origin: SessionOrigin) {
  const created = newSession(memberId, role, newToken(), origin);
  await insertSession(created.session);
  return created;
}

export const isLive = (session: Session, now = new Date()) =>
  !session.revokedAt && new Date(session.expiresAt).getTime() > now.getTime();

export type RotateResult =
  | { kind: 'rotated'; refreshToken: string; session: Session }
  | { kind: 'invalid' }
  | { kind: 'reused' }
  | { kind: 'raced' };

/** Seconds in which a second refresh of the same token is a benign race (two tabs), not theft. */
const RACE_WINDOW_MS = 10_000;

export async function rotateSession(refreshToken: string, origin: SessionOrigin): Promise<RotateResult> {
  const current = await getSession(hashToken(refreshToken));
  if (!current || !isLive(current)) return { kind: 'invalid' };
  if (current.rotatedAt) {
    if (Date.now() - new Date(current.rotatedAt).getTime() < RACE_WINDOW_MS) return { kind: 'raced' };
    await revokeFamily(current.memberId, current.family);
    return { kind: 'reused' };
  }
  const next = newSession(current.memberId, current.role, current.family, origin);
  if (current.impersonatedBy) next.session.impersonatedBy = current.impersonatedBy;
  if (!(await replaceSession(current, next.session))) return { kind: 'raced' };
  return { kind: 'rotated', ...next };
}

async function liveSessionsOf(memberId: string): Promise<Session[]> {
  return (await sessionsOfMember(memberId)).filter((session) => isLive(session));
}

async function revokeFamily(memberId: string, family: string): Promise<void> {
  const sessions = await liveSessionsOf(memberId);
  await Promise.all(sessions.filter((s) => s.family === family).map((s) => revokeSession(s.sessionId)));
}

/** After a password change or reset: every session ends, except (optionally) the one making the change. */
export async function revokeAllSessions(memberId: string, exceptFamily?: string): Promise<number> {
  const sessions = (await liveSessionsOf(memberId)).filter((s) => s.family !== exceptFamily);
  await Promise.all(sessions.map((s) => revokeSession(s.sessionId)));
  return sessions.length;
}
