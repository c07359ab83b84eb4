import { ForbiddenError, LockedError, RuleError, UnauthorizedError, ValidationError } from '@arbor/shared/errors';
import { toSummary, type Member } from '@arbor/shared/members/model';
import { appendMemberLog, findMemberByEmail, findMemberIdByLogin, getMember } from '../members/repository.js';
import { sendEmail } from '../email/send.js';
import { passwordChangedEmail, passwordResetEmail } from '../email/templates.js';
import { clearCookie, setCookie } from '../lib/cookies.js';
import { env } from '../lib/env.js';
import { logger } from '../lib/logger.js';
import { giveBack, hashedSubject, RATE_LIMITS, takeRateLimit, takeRateLimits } from '../lib/rate-limit.js';
import {
  forgiveFailures,
  getCredentials,
  LOCK_SECONDS,
  reachedLock,
  reserveAttempt,
  setPasswordHash,
} from './repository/credentials.js';
import { recordLogin } from './repository/login-history.js';
import { consumeResetToken, createResetToken, RESET_TOKEN_MINUTES } from './repository/reset-tokens.js';
import type { Session } from './repository/sessions.js';
import { burnVerifyTime, hashPassword, verifyPassword } from './passwords.js';
import { createSession, revokeAllSessions, type SessionOrigin } from './sessions.js';
import {
  ACCESS_TOKEN_SECONDS,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  REFRESH_SESSION_DAYS,
  SESSION_COOKIE,
  signAccessToken,
} from './tokens.js';

const invalidCredentials = () =>
  new UnauthorizedError('The sign-in name or password is incorrect.', 'invalid_credentials');

const lockedMessage = (seconds: number) =>
  new LockedError(
    `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes, or reset your password.`,
    seconds,
  );

/** Cookies for a fresh or rotated session. */
export async function sessionCookies(session: Session, refreshToken: string): Promise<string[]> {
  const accessToken = await signAccessToken({
    memberId: session.memberId,
    role: session.role,
    sessionId: session.sessionId,
  });
  return [
    setCookie(SESSION_COOKIE, accessToken, { maxAgeSeconds: ACCESS_TOKEN_SECONDS }),
    setCookie(REFRESH_COOKIE, refreshToken, {
      maxAgeSeconds: REFRESH_SESSION_DAYS * 86_400,
      path: REFRESH_COOKIE_PATH,
    }),
  ];
}

export const signedOutCookies = () => [clearCookie(SESSION_COOKIE), clearCookie(REFRESH_COOKIE, REFRESH_COOKIE_PATH)];

/**
 * Checks a sign-in. Unknown logins and wrong passwords get the same answer in
 * the same time. The attempt is counted before the password is checked (see
 * reserveAttempt), so the fifth failure in a row locks the account, or the
 * unknown name, even when the attempts arrive all at once; failed attempts
 * from one address are rate limited too (a success gives its attempt back).
 */
export async function signIn(login: string, password: string, origin: SessionOrigin) {
  const fromAddress = await takeRateLimit(RATE_LIMITS.signInPerIp, origin.ip);
  const memberId = await findMemberIdByLogin(login);
  const [member, credentials] = memberId
    ? await Promise.all([getMember(memberId), getCredentials(memberId)])
    : [null, null];
  const known = member && credentials ? { member, credentials } : null;
  const attempt = await reserveAttempt(known ? { memberId: known.member.id } : { unknownLogin: login });
  if ('lockedSeconds' in attempt) {
    if (known) await recordLogin(known.member.id, 'locked', origin);
    throw lockedMessage(attempt.lockedSeconds);
  }
  if (!known) {
    await burnVerifyTime(password);
    throw reachedLock(attempt) ? lockedMessage(LOCK_SECONDS) : invalidCredentials();
  }
  if (!(await verifyPassword(password, known.credentials.passwordHash))) {
    await recordLogin(known.member.id, reachedLock(attempt) ? 'locked' : 'wrong_password', origin);
    throw reachedLock(attempt) ? lockedMessage(LOCK_SECONDS) : invalidCredentials();
  }
  await Promise.all([forgiveFailures(attempt), giveBack(fromAddress)]);
  if (known.member.status === 'canceled') {
    throw new ForbiddenError('This account is canceled. Call support to reactivate it.');
  }
  const { session, refreshToken } = await createSession(known.member.id, known.member.role, origin);
  await recordLogin(known.member.id, 'success', origin);
  return { member: toSummary(known.member), cookies: await sessionCookies(session, refreshToken) };
}

export async function changePassword(
  memberId: string,
  family: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const [member, credentials] = await Promise.all([getMember(memberId), getCredentials(memberId)]);
  if (!member || !credentials) throw new UnauthorizedError();
  if (!(await verifyPassword(currentPassword, credentials.passwordHash))) {
    throw new RuleError('wrong_password', 'The current password is not right.', [
      { field: 'body.currentPassword', rule: 'wrong_password', message: 'body.currentPassword: is not right' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw new ValidationError('Choose a password different from the current one.', [
      { field: 'body.newPassword', rule: 'unchanged', message: 'body.newPassword: must differ from the current one' },
    ]);
  }
  await setPasswordHash(memberId, await hashPassword(newPassword));
  const ended = await revokeAllSessions(memberId, family);
  await appendMemberLog(memberId, { actorId: memberId, action: 'password.changed', detail: { sessionsEnded: ended } });
  await notifyPasswordChanged(member);
}

/**
 * Always the same answer, so the form cannot be used to find out who has an
 * account; limited per address asked for (known or not) and per caller, so
 * the form cannot be used to flood someone's inbox.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  await takeRateLimits([
    [RATE_LIMITS.passwordResetPerIp, ip],
    [RATE_LIMITS.passwordResetPerEmail, hashedSubject(email)],
  ]);
  const member = await findMemberByEmail(email);
  if (!member || member.status === 'canceled') {
    logger.info('password reset for unknown or canceled email');
    return;
  }
  const token = await createResetToken(member.id);
  await sendEmail(resetLinkEmail(member, token));
  await appendMemberLog(member.id, { actorId: member.id, action: 'password.reset_requested' });
}

/** The reset mail for a token: the member asked for it, or support sent it for the member (never the password itself). */
export function resetLinkEmail(member: Member, token: string) {
  const url = `${env.appUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  return passwordResetEmail(member.email, member.firstName, member.language, url, RESET_TOKEN_MINUTES);
}

export async function confirmPasswordReset(token: string, newPassword: string): Promise<void> {
  const memberId = await consumeResetToken(token);
  const member = memberId ? await getMember(memberId) : null;
  if (!member) {
    throw new RuleError('invalid_token', 'This reset link is invalid, used or expired. Ask for a new one.', [
      { field: 'body.token', rule: 'invalid_token', message: 'body.token: is invalid, used or expired' },
    ]);
  }
  await setPasswordHash(member.id, await hashPassword(newPassword));
  const ended = await revokeAllSessions(member.id);
  await appendMemberLog(member.id, { actorId: member.id, action: 'password.reset', detail: { sessionsEnded: ended } });
  await notifyPasswordChanged(member);
}

async function notifyPasswordChanged(member: Member): Promise<void> {
  await sendEmail(passwordChangedEmail(member.email, member.firstName, member.language));
}
