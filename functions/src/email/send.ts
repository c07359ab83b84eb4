import { randomUUID } from 'node:crypto';
import { sendMessage, sendMessages } from '../lib/queues.js';

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

/**
 * Mail is queued, not sent inline: a slow or throttled SES never fails the
 * request that wanted the mail, and the consumer retries until it goes (or
 * lands in the dead-letter queue for someone to look at).
 */
export async function sendEmail(email: OutgoingEmail): Promise<string> {
  const message: QueuedEmail = { id: randomUUID(), ...email };
  await sendMessage('email', message);
  return message.id;
}

/**
 * Queues many mails at once (ten per request), each with the id the caller
 * chose: an id made from what the mail is about (a statement of one period
 * for one partner) makes a repeated job send it once, as the consumer skips
 * ids it has sent. Throws if any could not be queued, so the job is retried.
 */
export const sendEmails = (emails: readonly QueuedEmail[]) => sendMessages('email', emails);
