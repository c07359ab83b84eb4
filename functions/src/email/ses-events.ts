import type { SNSEvent } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../lib/logger.js';
import { countBounceOnce } from '../comms/repository.js';
import { markMemberSuppressed } from '../members/email-suppression.js';
import { suppressAddress, type Suppression } from './repository.js';

const Recipient = z.object({ emailAddress: z.string().min(3) });

/**
 * The part of an SES notification we act on. Configuration-set event
 * publishing names the type `eventType`; identity notifications (if a company
 * wires those too) name it `notificationType`. Anything else is ignored.
 */
const SesNotification = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z
    .object({
      messageId: z.string().optional(),
      /** SES message tags, as lists: a broadcast mail carries `broadcast` (its id, comms/chunk.ts). */
      tags: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient),
      timestamp: z.string().optional(),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string().optional(),
    })
    .optional(),
});
type SesNotification = z.infer<typeof SesNotification>;

/**
 * SES bounce and complaint events (SES configuration set -> SNS topic -> this
 * Lambda): each address that bounced for good (`Permanent`) or complained is
 * recorded as suppressed, and the email consumer stops sending it notice
 * mail; the member who has the address is marked (`emailSuppressed`), so
 * broadcasts count it as excluded. Soft bounces (`Transient`, `Undetermined`:
 * a full mailbox, a server down) suppress nothing; SES already retried them. A feedback report of type
 * `not-spam` is not a complaint. A failed write throws, so Lambda's
 * asynchronous retries (and then the function's DLQ) keep the event.
 */
export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    const parsed = SesNotification.safeParse(safeJson(record.Sns.Message));
    if (!parsed.success) {
      logger.warn('ignoring a message that is not an SES notification', { messageId: record.Sns.MessageId });
      continue;
    }
    const suppressions = suppressionsIn(parsed.data);
    for (const suppression of suppressions) {
      await suppressAddress(suppression);
      await markMemberSuppressed(suppression.address, suppression.reason);
      logger.info('address suppressed', { reason: suppression.reason, detail: suppression.detail });
    }
    // A broadcast's report counts its mails that bounced or drew a complaint (once per SES message).
    const broadcastId = parsed.data.mail?.tags?.broadcast?.[0];
    const sesMessageId = parsed.data.mail?.messageId;
    if (broadcastId && sesMessageId && suppressions.length > 0) {
      await countBounceOnce(broadcastId, sesMessageId, suppressions.length);
    }
  }
}

export function suppressionsIn(notification: SesNotification): Suppression[] {
  const type = notification.eventType ?? notification.notificationType;
  const sesMessageId = notification.mail?.messageId;
  const { bounce, complaint } = notification;
  if (type === 'Bounce' && bounce?.bounceType === 'Permanent') {
    return bounce.bouncedRecipients.map((recipient) => ({
      address: plainAddress(recipient.emailAddress),
      reason: 'bounce' as const,
      ...(bounce.bounceSubType ? { detail: bounce.bounceSubType } : {}),
      at: bounce.timestamp ?? new Date().toISOString(),
      ...(sesMessageId ? { sesMessageId } : {}),
    }));
  }
  if (type === 'Complaint' && complaint && complaint.complaintFeedbackType !== 'not-spam') {
    return complaint.complainedRecipients.map((recipient) => ({
      address: plainAddress(recipient.emailAddress),
      reason: 'complaint' as const,
      ...(complaint.complaintFeedbackType ? { detail: complaint.complaintFeedbackType } : {}),
      at: complaint.timestamp ?? new Date().toISOString(),
      ...(sesMessageId ? { sesMessageId } : {}),
    }));
  }
  return [];
}

/** `Ana <ana@example.com>` -> `ana@example.com`; SES usually gives the bare address already. */
const plainAddress = (value: string) => (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase();

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
