import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCKOUT } from '@arbor/shared/auth/schemas';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { stripKeys } from '../lib/db.js';
import { credentialsItem, type Credentials } from '../members/items.js';

export async function getCredentials(memberId: string): Promise<Credentials | null> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.credentials(memberId) }));
  return result.Item ? stripKeys<Credentials>(result.Item) : null;
}

export function lockedFor(credentials: Credentials, now = new Date()): number {
  if (!credentials.lockedUntil) return 0;
  return Math.max(0, Math.ceil((new Date(credentials.lockedUntil).getTime() - now.getTime()) / 1000));
}

/**
 * Counts a failed attempt atomically; the attempt that reaches the limit locks
 * the account and resets the count. Returns the seconds the account is now locked.
 */
export async function recordFailedAttempt(memberId: string, now = new Date()): Promise<number> {
  const result = await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.credentials(memberId),
      UpdateExpression: 'ADD failedAttempts :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const attempts = Number(result.Attributes?.failedAttempts ?? 0);
  if (attempts < LOCKOUT.maxFailures) return 0;
  const lockSeconds = LOCKOUT.lockMinutes * 60;
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.credentials(memberId),
      UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero',
      ExpressionAttributeValues: { ':until': new Date(now.getTime() + lockSeconds * 1000).toISOString(), ':zero': 0 },
    }),
  );
  return lockSeconds;
}

export async function clearFailedAttempts(memberId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.credentials(memberId),
      UpdateExpression: 'SET failedAttempts = :zero, lockedUntil = :null',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':zero': 0, ':null': null },
    }),
  );
}

/** A new password also lifts any lockout. */
export async function setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: env.tableName(),
      Item: credentialsItem({
        memberId,
        passwordHash,
        failedAttempts: 0,
        lockedUntil: null,
        passwordChangedAt: new Date().toISOString(),
      }),
    }),
  );
}
