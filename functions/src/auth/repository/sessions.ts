import { keys } from '@arbor/shared/keys';
import type { Role } from '@arbor/shared/members/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  conditionally,
  getItem,
  putItem,
  queryAll,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  txUpdate,
  updateItem,
  type Item,
  type TableWrite,
} from '../../lib/db.js';
import { epochSeconds, nowIso } from '../../lib/ids.js';

/**
 * A refresh session (`SESSION#<hash>`), listed under its member (GSI1). Its key
 * is the hash of the opaque refresh token (the token itself lives only in the
 * member's cookie).
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
  /** A view of the portal (auth/view-as.ts): its id, when it started, the staff session it returns to, and the hash of its return secret. */
  view?: { viewId: string; startedAt: string; staffSessionId: string; returnHash: string };
  /** On a staff session: the view of a member's portal open from it, and until when (one at a time). */
  activeView?: string;
  activeViewUntil?: string;
}

/** The stored session (a view of a member's portal writes its session in the view's transaction). */
export function sessionItem(session: Session): Item {
  return {
    ...keys.session(session.sessionId),
    entity: 'session',
    ...indexKeys(INDEX.memberSessions, keys.memberSessions(session.memberId), session.createdAt),
    expiresAtEpoch: epochSeconds(new Date(session.expiresAt)),
    ...session,
  };
}

const isNew = 'attribute_not_exists(PK)';

export async function insertSession(session: Session): Promise<void> {
  await putItem({ Item: sessionItem(session), ConditionExpression: isNew });
}

export async function getSession(sessionId: string): Promise<Session | null> {
  const item = await getItem(keys.session(sessionId));
  return item ? stripKeys<Session>(item) : null;
}

/**
 * Marks `current` rotated and writes `next` in one transaction, only if
 * `current` was neither rotated nor revoked meanwhile: false when another
 * refresh of the same token got there first.
 */
export async function replaceSession(current: Session, next: Session): Promise<boolean> {
  try {
    await transact([
      txUpdate({
        Key: keys.session(current.sessionId),
        UpdateExpression: 'SET rotatedAt = :now',
        ConditionExpression:
          'attribute_exists(PK) AND attribute_not_exists(rotatedAt) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':now': nowIso() },
      }),
      txPut({ Item: sessionItem(next), ConditionExpression: isNew }),
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError) return false;
    throw error;
  }
}

/** Ends a session (the first end counts; a session that does not exist stays so). */
export async function revokeSession(sessionId: string): Promise<void> {
  await conditionally(
    updateItem({
      Key: keys.session(sessionId),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':now': nowIso() },
    }),
  );
}

/** Ends a session in a transaction (support ends a member's sessions with its log entry). */
export const revokeSessionWrite = (sessionId: string, at: string): TableWrite =>
  txUpdate({
    Key: keys.session(sessionId),
    UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':now': at },
  });

/** Every session of a member, live or not (GSI1, oldest first). */
export async function sessionsOfMember(memberId: string): Promise<Session[]> {
  const items = await queryAll({ index: INDEX.memberSessions, pk: keys.memberSessions(memberId) });
  return items.map((item) => stripKeys<Session>(item));
}
