import { ConflictError, NotFoundError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import { VIEW_MINUTES } from '@arbor/shared/support/account';
import { memberLogWrite } from '../members/repository.js';
import { clearCookie, setCookie } from '../lib/cookies.js';
import type { Principal } from '../lib/http.js';
import { hashToken, newToken, nonce } from '../lib/ids.js';
import { getSession, type Session } from './repository/sessions.js';
import {
  clearActiveView,
  endView,
  getView,
  insertView,
  recordViewRequest,
  type ViewRecord,
} from './repository/views.js';
import { isLive, type SessionOrigin } from './sessions.js';
import { ACCESS_TOKEN_SECONDS, SESSION_COOKIE, signAccessToken } from './tokens.js';

/**
 * Support views a member's portal as the member sees it (docs/support.md, "View the online
 * office"). Starting a view writes a read-only session AS the member (`impersonatedBy`, so the
 * HTTP chain refuses every write), living VIEW_MINUTES, and puts its access token in this
 * browser's session cookie. The staff member's own refresh cookie is left alone; a separate
 * httpOnly cookie, sent only to the view-as routes, holds the view's id and a secret whose hash
 * the view's session keeps: with it, `endViewAs` ends the view and gives the staff session its
 * access token back. Every request under the view is recorded (recordViewRequest, from the HTTP
 * chain), and the start and end are in the member's log and the staff member's.
 */

/** The way back to the staff session: only the view-as routes receive it. */
export const VIEW_RETURN_COOKIE = 'arbor_view_return';
export const VIEW_RETURN_PATH = '/api/support/view-as';
/** Long enough to come back after the view expired (the staff session itself decides whether that still works). */
const RETURN_COOKIE_SECONDS = 12 * 3600;

export async function startView(
  staff: Principal,
  member: Member,
  reason: string,
  origin: SessionOrigin,
  now = new Date(),
): Promise<{ view: ViewRecord; cookies: string[] }> {
  const viewId = `${now.getTime().toString(36)}${nonce()}`;
  const startedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + VIEW_MINUTES * 60_000).toISOString();
  const sessionId = hashToken(newToken());
  const secret = newToken();
  const session: Session = {
    sessionId,
    memberId: member.id,
    role: member.role,
    family: `view:${viewId}`,
    createdAt: startedAt,
    expiresAt,
    ip: origin.ip,
    userAgent: origin.userAgent.slice(0, 400),
    impersonatedBy: staff.memberId,
    view: { viewId, startedAt, staffSessionId: staff.sessionId, returnHash: hashToken(secret) },
  };
  const view: ViewRecord = {
    viewId,
    memberId: member.id,
    staffId: staff.memberId,
    reason,
    startedAt,
    expiresAt,
    sessionId,
  };
  const outcome = await insertView(view, session, staff.sessionId, [
    memberLogWrite(member.id, {
      at: startedAt,
      actorId: staff.memberId,
      action: 'support.view_started',
      detail: { viewId, expiresAt },
      reason,
    }),
    memberLogWrite(staff.memberId, {
      at: startedAt,
      actorId: staff.memberId,
      action: 'support.viewed_as',
      detail: { memberId: member.id, viewId, expiresAt },
      reason,
    }),
  ]);
  if (outcome === 'open') {
    throw new ConflictError(
      'A view of a member’s portal is already open from this session; end it first.',
      'view_already_open',
    );
  }
  const token = await signAccessToken({ memberId: member.id, role: member.role, sessionId }, VIEW_MINUTES * 60);
  return {
    view,
    cookies: [
      setCookie(SESSION_COOKIE, token, { maxAgeSeconds: VIEW_MINUTES * 60 }),
      setCookie(VIEW_RETURN_COOKIE, `${sessionId}.${secret}`, {
        maxAgeSeconds: RETURN_COOKIE_SECONDS,
        path: VIEW_RETURN_PATH,
      }),
    ],
  };
}

const noView = () => new NotFoundError('No view of a member’s portal is open in this browser.', 'no_view');

/**
 * Ends the view this browser holds (expired or not) and hands the staff session its access
 * token back, if that session is still live (else the staff member signs in again). Ending
 * twice writes nothing the second time.
 */
export async function endViewAs(
  cookies: Record<string, string>,
  now = new Date(),
): Promise<{ memberId: string; cookies: string[] }> {
  const [sessionId, secret] = (cookies[VIEW_RETURN_COOKIE] ?? '').split('.');
  const session = sessionId && secret ? await getSession(sessionId) : null;
  if (!session?.view || !session.impersonatedBy || session.view.returnHash !== hashToken(secret!)) throw noView();
  const view = await getView(session.memberId, session.view.startedAt, session.view.viewId);
  if (!view) throw noView();
  // The session's expiry is the one the server enforces (the record says what was granted).
  const endsAt = Math.min(Date.parse(view.expiresAt), Date.parse(session.expiresAt));
  const at = new Date(Math.min(now.getTime(), endsAt)).toISOString();
  const expired = now.getTime() >= endsAt;
  await endView(view, at, [
    memberLogWrite(view.memberId, {
      at: now.toISOString(),
      actorId: view.staffId,
      action: 'support.view_ended',
      detail: { viewId: view.viewId, expired },
    }),
    memberLogWrite(view.staffId, {
      at: now.toISOString(),
      actorId: view.staffId,
      action: 'support.view_as_ended',
      detail: { memberId: view.memberId, viewId: view.viewId, expired },
    }),
  ]);
  await clearActiveView(session.view.staffSessionId, view.viewId);
  const out = [clearCookie(VIEW_RETURN_COOKIE, VIEW_RETURN_PATH)];
  const staff = await getSession(session.view.staffSessionId);
  if (staff && staff.memberId === session.impersonatedBy && isLive(staff, now) && !staff.impersonatedBy) {
    // A staff session refreshed meanwhile (the view expired, the app renewed it) already has its cookies back.
    if (!staff.rotatedAt) {
      const token = await signAccessToken({ memberId: staff.memberId, role: staff.role, sessionId: staff.sessionId });
      out.push(setCookie(SESSION_COOKIE, token, { maxAgeSeconds: ACCESS_TOKEN_SECONDS }));
    }
  } else {
    out.push(clearCookie(SESSION_COOKIE));
  }
  return { memberId: view.memberId, cookies: out };
}

/** The HTTP chain reports each request made under a view (lib/http.ts `Authenticator.viewed`). */
export const recordViewed = (
  principal: Principal,
  request: { method: string; route: string; path: string; refused: boolean },
) => (principal.viewId ? recordViewRequest(principal.viewId, request) : Promise.resolve());

/** When the view of a session ends (for the banner's countdown). */
export async function viewEndsAt(principal: Principal): Promise<string | null> {
  if (!principal.viewId) return null;
  return (await getSession(principal.sessionId))?.expiresAt ?? null;
}
