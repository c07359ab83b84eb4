import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { isConditionFailure } from '../lib/db.js';
import { env } from '../lib/env.js';
import { epochSeconds, newToken } from '../lib/ids.js';

/**
 * The email repository: one send record per queued message (claimed before
 * SES is called, then marked) and one suppression item per address that
 * bounced for good or complained.
 */

/** How long a send record is kept: longer than any redelivery of the same message could arrive. */
const SEND_RECORD_DAYS = 7;

export type SuppressionReason = 'bounce' | 'complaint';

export type Claim =
  | { outcome: 'claimed'; token: string }
  /** Sent or suppressed already: nothing to do. */
  | { outcome: 'done' }
  /** Another worker holds a live lease: try again later (it may still fail). */
  | { outcome: 'busy' };

/**
 * Claims a message before sending it: a conditional put that only one worker
 * wins, whether the copies arrive one after the other or at the same instant.
 * A claim whose lease ran out (its worker died between claim and mark) can be
 * taken over; a record that is not `sending` (sent, suppressed, or a mark from
 * before claims existed) means done.
 */
export async function claimEmail(emailId: string, leaseSeconds: number, now = new Date()): Promise<Claim> {
  const token = newToken();
  try {
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: {
          ...keys.emailSent(emailId),
          entity: 'emailSent',
          status: 'sending',
          claimToken: token,
          leaseUntil: now.getTime() + leaseSeconds * 1000,
          claimedAt: now.toISOString(),
          expiresAtEpoch: epochSeconds(now) + SEND_RECORD_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
      }),
    );
    return { outcome: 'claimed', token };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const current = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.emailSent(emailId), ConsistentRead: true }),
  );
  return current.Item?.status === 'sending' ? { outcome: 'busy' } : { outcome: 'done' };
}

/**
 * Ends a claim: `sent` with SES's message id, or `suppressed` with the reason.
 * Conditional on still holding the claim; if the lease was lost meanwhile the
 * mail went out anyway, so this reports false and the caller only logs it.
 */
export async function finishEmail(
  emailId: string,
  token: string,
  result: { status: 'sent'; sesMessageId?: string } | { status: 'suppressed'; reason: SuppressionReason },
  now = new Date(),
): Promise<boolean> {
  const detail =
    result.status === 'sent'
      ? { name: 'sesMessageId', value: result.sesMessageId ?? 'unknown' }
      : { name: 'suppressedBecause', value: result.reason };
  try {
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.emailSent(emailId),
        UpdateExpression: 'SET #status = :status, finishedAt = :now, #detail = :detail REMOVE leaseUntil',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status', '#detail': detail.name },
        ExpressionAttributeValues: {
          ':status': result.status,
          ':now': now.toISOString(),
          ':detail': detail.value,
          ':token': token,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives a claim back after SES refused or failed, so the retry need not wait for the lease. */
export async function releaseEmail(emailId: string, token: string): Promise<void> {
  try {
    await db().send(
      new DeleteCommand({
        TableName: env.tableName(),
        Key: keys.emailSent(emailId),
        ConditionExpression: 'claimToken = :token AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': token, ':sending': 'sending' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The send record, as tests and support see it. */
export async function emailRecord(emailId: string): Promise<Record<string, unknown> | undefined> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.emailSent(emailId), ConsistentRead: true }),
  );
  return result.Item;
}

export interface Suppression {
  address: string;
  reason: SuppressionReason;
  /** SES's bounce subtype or complaint feedback type, e.g. `General`, `abuse`. */
  detail?: string;
  at: string;
  /** The SES message id of the mail that bounced or drew the complaint. */
  sesMessageId?: string;
}

export async function suppressionOf(address: string): Promise<Suppression | undefined> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.emailSuppression(address) }));
  return result.Item as Suppression | undefined;
}

/**
 * Records a suppressed address. A complaint always wins (it is the stronger
 * signal); a bounce never overwrites a complaint. The same notification
 * delivered twice writes the same item, so this is idempotent.
 */
export async function suppressAddress(suppression: Suppression): Promise<void> {
  const address = suppression.address.trim().toLowerCase();
  try {
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: { ...keys.emailSuppression(address), entity: 'emailSuppression', ...suppression, address },
        ...(suppression.reason === 'bounce'
          ? {
              ConditionExpression: 'attribute_not_exists(PK) OR #reason <> :complaint',
              ExpressionAttributeNames: { '#reason': 'reason' },
              ExpressionAttributeValues: { ':complaint': 'complaint' },
            }
          : {}),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
