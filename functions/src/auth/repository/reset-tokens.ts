import { keys } from '@arbor/shared/keys';
import { deleteItem, isConditionFailure, putItem } from '../../lib/db.js';
import { epochSeconds, hashToken, newToken } from '../../lib/ids.js';

export const RESET_TOKEN_MINUTES = 60;

/** Issues a single-use reset token; only its hash is stored. */
export async function createResetToken(memberId: string, now = new Date()): Promise<string> {
  const token = newToken();
  const expires = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
  await putItem({
    Item: {
      ...keys.passwordReset(hashToken(token)),
      entity: 'passwordReset',
      memberId,
      expiresAt: expires.toISOString(),
      expiresAtEpoch: epochSeconds(expires),
    },
  });
  return token;
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
