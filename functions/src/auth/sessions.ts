import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { INDEX } from '@arbor/shared/table';
import type { Role } from '@arbor/shared/members/model';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { isConditionFailure, queryAll, transact, stripKeys, TransactionConditionError, type Item } from '../lib/db.js';
import { epochSeconds, hashToken, newToken, nowIso } from '../lib/ids.js';
import { REFRESH_SESSION_DAYS } from './tokens.js';

/**
 * A refresh session. Its key is the hash of the opaque refresh token (the token
 * itself lives only in the member's cookie). Refreshing rotates it: the old
 * session is marked rotated and a new one continues the same family; a rotated
 * token presented again means it was stolen, and the whole family is revoked.
 */
export interface Session {
  sessionId: string;
  memberId: string;
  role: Role;
  family: string;
  createdAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  rotatedAt?: string;
  revokedAt?: string;
  /** Set when support views the portal as this member: read-only, and who did it. */
  impersonatedBy?: string;
}

export interface SessionOrigin {
  ip: string;
  userAgent: string;
}

function sessionItem(session: Session): Item {
  return {
    ...keys.session(session.sessionId),
    entity: 'session',
    GSI1PK: keys.memberSessions(session.memberId),
    GSI1SK: session.createdAt,
    expiresAtEpoch: epochSeconds(new Date(session.expiresAt)),
    ...session,
  };
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
  await transact([
    {
      Put: {
        TableName: env.tableName(),
        Item: sessionItem(created.session),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ]);
  return created;
}

export async function getSession(sessionId: string): Promise<Session | null> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.session(sessionId) }));
  return result.Item ? stripKeys<Session>(result.Item) : null;
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
  try {
    await transact([
      {
        Update: {
          TableName: env.tableName(),
          Key: keys.session(current.sessionId),
          UpdateExpression: 'SET rotatedAt = :now',
          ConditionExpression:
            'attribute_exists(PK) AND attribute_not_exists(rotatedAt) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':now': nowIso() },
        },
      },
      {
        Put: {
          TableName: env.tableName(),
          Item: sessionItem(next.session),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
  } catch (error) {
    if (error instanceof TransactionConditionError) return { kind: 'raced' };
    throw error;
  }
  return { kind: 'rotated', ...next };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db()
    .send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.session(sessionId),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':now': nowIso() },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

export async function listSessions(memberId: string, limit = 50): Promise<Session[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberSessions(memberId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => stripKeys<Session>(item));
}

async function liveSessionsOf(memberId: string): Promise<Session[]> {
  const items = await queryAll({ index: INDEX.memberSessions, pk: keys.memberSessions(memberId) });
  return items.map((item) => stripKeys<Session>(item)).filter((session) => isLive(session));
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
