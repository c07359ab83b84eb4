import { SignJWT, jwtVerify, errors } from 'jose';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { Role } from '@arbor/shared/members/model';
import { secretsClient } from '../lib/aws.js';
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

let key: Promise<Uint8Array> | undefined;
/** The signing key: from SESSION_SECRET locally, from Secrets Manager in AWS (once per cold start). */
function signingKey(): Promise<Uint8Array> {
  key ??= (async () => {
    const local = env.sessionSecret();
    if (local) return new TextEncoder().encode(local);
    const secret = await secretsClient().send(new GetSecretValueCommand({ SecretId: env.sessionSecretArn() }));
    if (!secret.SecretString) throw new Error('session secret is empty');
    return new TextEncoder().encode(secret.SecretString);
  })();
  return key;
}

export async function signAccessToken(claims: AccessClaims): Promise<string> {
  return new SignJWT({ role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.memberId)
    .setIssuedAt()
    .setIssuer('arbor')
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
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
