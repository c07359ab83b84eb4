import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { requireEnv } from '../lib/env.js';

/**
 * What a mail is for, which decides whether a suppressed address still gets
 * it (see consume.ts): `security` mail (password reset, password changed)
 * always goes; `notice` mail (the default: welcome, receipts, statements,
 * smart-order mail, and broadcasts when they come) is skipped for an address
 * that bounced for good or complained.
 */
export type EmailKind = 'security' | 'notice';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind?: EmailKind;
}

/** What travels on the email queue: the message plus an id that makes sending idempotent. */
export interface QueuedEmail extends OutgoingEmail {
  id: string;
}

let sqs: SQSClient | undefined;

/**
 * Mail is queued, not sent inline: a slow or throttled SES never fails the
 * request that wanted the mail, and the consumer retries until it goes (or
 * lands in the dead-letter queue for someone to look at).
 */
export async function sendEmail(email: OutgoingEmail): Promise<string> {
  sqs ??= new SQSClient({});
  const message: QueuedEmail = { id: randomUUID(), ...email };
  await sqs.send(
    new SendMessageCommand({ QueueUrl: requireEnv('EMAIL_QUEUE_URL'), MessageBody: JSON.stringify(message) }),
  );
  return message.id;
}

/**
 * Queues many mails at once (ten per request), each with the id the caller
 * chose: an id made from what the mail is about (a statement of one period
 * for one partner) makes a repeated job send it once, as the consumer skips
 * ids it has sent. Throws if any could not be queued, so the job is retried.
 */
export async function sendEmails(emails: readonly QueuedEmail[]): Promise<void> {
  sqs ??= new SQSClient({});
  const queueUrl = requireEnv('EMAIL_QUEUE_URL');
  for (let start = 0; start < emails.length; start += 10) {
    const batch = emails.slice(start, start + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((email, index) => ({ Id: String(index), MessageBody: JSON.stringify(email) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} emails could not be queued`);
  }
}
