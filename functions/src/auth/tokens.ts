import { SignJWT, jwtVerify, errors } from 'jose';
import type { Role } from '@arbor/shared/members/model';
import { secretValue } from '../lib/parameters.js';
import { env } from '../lib/env.js';

/** Access tokens are short-lived; the refresh session (in the table) lasts longer and rotates. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_SESSION_DAYS = 30;

export const SESSION_COOKIE = 'arbor_session';
export const REFRESH_COOKIE = 'arbor_refresh';
/** The refresh cookie only travels to the auth endpoints. */
export const REFRESH_COOKIE_PATH = '/api/auth';

export interface AccessClaims {
  memberId: string;
  role: Role;
  /** Key of the session item this token belongs to. */
  sessionId: string;
}

/** How long a warm function keeps the session secret read from Secrets Manager. */
const SECRET_MAX_AGE_SECONDS = 15 * 60;

/** The signing key: from SESSION_SECRET locally, from Secrets Manager in AWS (kept for a while, lib/parameters.ts). */
async function signingKey(): Promise<Uint8Array> {
  const secret = env.sessionSecret() || (await secretValue(env.sessionSecretArn(), SECRET_MAX_AGE_SECONDS));
  return new TextEncoder().encode(secret);
}

/** `seconds`: a shorter life than usual (a view of a member's portal lives only as long as the view). */
export async function signAccessToken(claims: AccessClaims, seconds = ACCESS_TOKEN_SECONDS): Promise<string> {
  return new SignJWT({ role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.memberId)
    .setIssuedAt()
    .setIssuer('arbor')
    .setExpirationTime(`${Math.max(1, Math.floor(seconds))}s`)
    .sign(await signingKey());
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

export async function verifyAccessToken(token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(), { issuer: 'arbor', algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.role !== 'string') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { memberId: payload.sub, role: payload.role as Role, sessionId: payload.sid } };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
