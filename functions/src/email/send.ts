import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { requireEnv } from '../lib/env.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
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
