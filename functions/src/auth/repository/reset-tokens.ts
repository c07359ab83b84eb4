import { keys } from '@arbor/shared/keys';
import { deleteItem, isConditionFailure, putItem, txPut, type Item, type TableWrite } from '../../lib/db.js';
import { epochSeconds, hashToken, newToken } from '../../lib/ids.js';

export const RESET_TOKEN_MINUTES = 60;

function resetTokenItem(memberId: string, token: string, now: Date): Item {
  const expires = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
  return {
    ...keys.passwordReset(hashToken(token)),
    entity: 'passwordReset',
    memberId,
    expiresAt: expires.toISOString(),
    expiresAtEpoch: epochSeconds(expires),
  };
}

/** Issues a single-use reset token; only its hash is stored. */
export async function createResetToken(memberId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await putItem({ Item: resetTokenItem(memberId, token, now) });
  return token;
}

/** A new reset token as a write, for a transaction with its log entry (support mails a reset link). */
export function resetTokenWrite(memberId: string, now = new Date()): { token: string; write: TableWrite } {
  const token = newToken();
  return { token, write: txPut({ Item: resetTokenItem(memberId, token, now) }) };
}

/**
 * Uses up a token: the delete is conditional, so the same link cannot reset
 * twice even when two requests race. Returns the member, or null when the token
 * is unknown, used or expired (TTL deletion is lazy, so expiry is checked too).
 */
export async function consumeResetToken(token: string, now = new Date()): Promise<string | null> {
  try {
    const result = await deleteItem({
      Key: keys.passwordReset(hashToken(token)),
      ConditionExpression: 'attribute_exists(PK) AND expiresAt > :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
      ReturnValues: 'ALL_OLD',
    });
    return (result.Attributes?.memberId as string | undefined) ?? null;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}
