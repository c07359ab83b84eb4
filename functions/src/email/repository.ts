import { keys } from '@arbor/shared/keys';
import { conditionally, getItem, putItem } from '../lib/db.js';
import { epochSeconds } from '../lib/ids.js';

/**
 * The email store: one send record per queued message that was sent (or
 * suppressed), and one suppression item per address that bounced for good or
 * complained. That a message is sent at most once is the consumer's
 * idempotency (consume.ts); the send record is what it sent and what support
 * sees, and a message that has one is done.
 */

/** How long a send record is kept: longer than any redelivery of the same message could arrive. */
export const SEND_RECORD_DAYS = 7;

export type SuppressionReason = 'bounce' | 'complaint';

export type EmailOutcome =
  { status: 'sent'; sesMessageId?: string | undefined } | { status: 'suppressed'; reason: SuppressionReason };

/** Writes the send record: `sent` with SES's message id, or `suppressed` with the reason. */
export async function recordEmail(emailId: string, outcome: EmailOutcome, now = new Date()): Promise<void> {
  await putItem({
    Item: {
      ...keys.emailSent(emailId),
      entity: 'emailSent',
      status: outcome.status,
      ...(outcome.status === 'sent'
        ? { sesMessageId: outcome.sesMessageId ?? 'unknown' }
        : { suppressedBecause: outcome.reason }),
      finishedAt: now.toISOString(),
      expiresAtEpoch: epochSeconds(now) + SEND_RECORD_DAYS * 86_400,
    },
  });
}

/**
 * Whether the message has a send record: sent, suppressed, or a mark from
 * before send records had a status. A `sending` record is a claim left by the
 * consumer before it used Powertools (expired within the week): not done.
 */
export async function wasSent(emailId: string): Promise<boolean> {
  const record = await emailRecord(emailId);
  return record !== undefined && record.status !== 'sending';
}

/** The send record, as tests and support see it. */
export async function emailRecord(emailId: string): Promise<Record<string, unknown> | undefined> {
  return getItem(keys.emailSent(emailId), { ConsistentRead: true });
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
  return (await getItem(keys.emailSuppression(address))) as Suppression | undefined;
}

/**
 * Records a suppressed address. A complaint always wins (it is the stronger
 * signal); a bounce never overwrites a complaint. The same notification
 * delivered twice writes the same item, so this is idempotent.
 */
export async function suppressAddress(suppression: Suppression): Promise<void> {
  const address = suppression.address.trim().toLowerCase();
  await conditionally(
    putItem({
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
}
