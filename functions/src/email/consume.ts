import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { sesClient } from '../lib/aws.js';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { env } from '../lib/env.js';
import { logger } from '../lib/logger.js';
import { count } from '../lib/metrics.js';
import { once } from '../lib/idempotency.js';
import { deliverChunk, isBroadcastChunk } from '../comms/chunk.js';
import { recordEmail, SEND_RECORD_DAYS, suppressionOf, wasSent } from './repository.js';

const Tag = z.object({ name: z.string().min(1), value: z.string().min(1) });

const QueuedEmail = z.object({
  id: z.string().min(1),
  to: z.email(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
  kind: z.enum(['security', 'notice', 'broadcast']).default('notice'),
  /** Extra headers (a broadcast's List-Unsubscribe and List-Unsubscribe-Post). */
  headers: z.array(Tag).optional(),
  /** SES message tags: they come back on SES's bounce and complaint events (a broadcast's id). */
  tags: z.array(Tag).optional(),
});
export type QueuedEmail = z.input<typeof QueuedEmail>;

/**
 * Sends queued mail with SES, each message once: the consumer runs a message
 * at most once per id (Powertools idempotency, lib/idempotency.ts), so of two
 * copies processed at the same time only one sends; the other fails, comes
 * back later and finds the mail done. SES failing leaves no record, so the
 * retry sends at once. Failures are reported per message so only they come
 * back. A message that can never be sent (malformed) is dropped with an error
 * log rather than retried into the DLQ.
 *
 * Once SES took a mail its send record is written (`sent`, with SES's message
 * id), and a send record means done: that also covers a worker that died
 * after SES took the mail but before its idempotency record was marked
 * complete (the lease runs out, the redelivery finds the send record).
 *
 * Suppression: an address SES reported a hard bounce or a complaint for gets
 * no `notice` mail (the send record says `suppressed` and why); `security`
 * mail (password reset, password changed) still goes, because the member is
 * asking for it right now or must learn that someone changed its password.
 * Soft bounces suppress nothing. The whole policy is here and in
 * ses-events.ts.
 */
export const handler = sqsConsumer('email', async (record, context) => {
  const message = messageJson(record);
  if (isBroadcastChunk(message)) return deliverChunk(message, context);
  const parsed = QueuedEmail.safeParse(message);
  if (!parsed.success) {
    logger.error('dropping malformed email message', { messageId: record.messageId, issues: parsed.error.issues });
    return;
  }
  await deliverOnce(parsed.data);
});

/** Sends one mail at most once per id (see above): `sent`, `suppressed`, or `done` when it had been handled before. */
export const deliverOnce = once(
  {
    use: 'email',
    key: (email: QueuedEmail) => email.id,
    // Longer than the consumer's timeout (120 s); shorter than the queue's visibility timeout (720 s).
    leaseSeconds: 300,
    keepSeconds: SEND_RECORD_DAYS * 86_400,
  },
  (email: QueuedEmail) => deliver(QueuedEmail.parse(email)),
);

async function deliver(email: z.output<typeof QueuedEmail>): Promise<'sent' | 'suppressed' | 'done'> {
  if (await wasSent(email.id)) return 'done';

  const suppression = email.kind === 'security' ? undefined : await suppressionOf(email.to);
  if (suppression) {
    await recordEmail(email.id, { status: 'suppressed', reason: suppression.reason });
    logger.info('email not sent: the address is suppressed', { emailId: email.id, reason: suppression.reason });
    count('MailsSuppressed');
    return 'suppressed';
  }

  // Routes SES's bounce and complaint events to ses-events.ts; set by the stack, absent locally.
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  const sent = await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: env.mailFrom(),
      Destination: { ToAddresses: [email.to] },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          ...(email.headers ? { Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })) } : {}),
        },
      },
      ...(email.tags ? { EmailTags: email.tags.map(({ name, value }) => ({ Name: name, Value: value })) } : {}),
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
  // SES took the mail: from here on nothing may make the message come back, or it would go twice.
  count('MailsSent');
  await recordEmail(email.id, { status: 'sent', sesMessageId: sent.MessageId }).catch((error: unknown) =>
    logger.error('email sent but its send record was not written', {
      emailId: email.id,
      error: (error as Error).message,
    }),
  );
  return 'sent';
}
