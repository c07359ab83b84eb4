import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { sesClient } from '../lib/aws.js';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { env } from '../lib/env.js';
import { logger } from '../lib/logger.js';
import { claimEmail, finishEmail, releaseEmail, suppressionOf } from './store.js';

const QueuedEmail = z.object({
  id: z.string().min(1),
  to: z.email(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
  kind: z.enum(['security', 'notice']).default('notice'),
});
type QueuedEmail = z.infer<typeof QueuedEmail>;

/**
 * How long a claim holds before another worker may take the message over:
 * longer than the consumer's timeout (30 s), so a live worker never loses it,
 * and shorter than the queue's visibility timeout (180 s), so the redelivery
 * of a message whose worker died finds the lease expired.
 */
const LEASE_SECONDS = 120;

/**
 * Sends queued mail with SES, each message exactly once: the message is
 * claimed (a conditional put with a lease) before SES is called, so of two
 * copies processed at the same time only one sends; the other reports a
 * failure and, redelivered later, finds the mail sent. Failures are reported
 * per message so only they come back. A message that can never be sent
 * (malformed) is dropped with an error log rather than retried into the DLQ.
 *
 * Suppression: an address SES reported a hard bounce or a complaint for gets
 * no `notice` mail (the send record says `suppressed` and why); `security`
 * mail (password reset, password changed) still goes, because the member is
 * asking for it right now or must learn that someone changed its password.
 * Soft bounces suppress nothing. The whole policy is here and in
 * ses-events.ts.
 */
export const handler = sqsConsumer('email', async (record) => {
  const parsed = QueuedEmail.safeParse(messageJson(record));
  if (!parsed.success) {
    logger.error('dropping malformed email message', { messageId: record.messageId, issues: parsed.error.issues });
    return;
  }
  if ((await deliver(parsed.data)) === 'busy') throw new Error('the email is being sent by another worker');
});

async function deliver(email: QueuedEmail): Promise<'sent' | 'suppressed' | 'done' | 'busy'> {
  const claim = await claimEmail(email.id, LEASE_SECONDS);
  if (claim.outcome !== 'claimed') return claim.outcome;

  const suppression = email.kind === 'security' ? undefined : await suppressionOf(email.to);
  if (suppression) {
    await finishEmail(email.id, claim.token, { status: 'suppressed', reason: suppression.reason });
    logger.info('email not sent: the address is suppressed', { emailId: email.id, reason: suppression.reason });
    return 'suppressed';
  }

  let sesMessageId: string | undefined;
  try {
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
          },
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
    sesMessageId = sent.MessageId;
  } catch (error) {
    // SES did not take it: give the claim back so the retry need not wait for the lease.
    await releaseEmail(email.id, claim.token).catch(() => undefined);
    throw error;
  }
  // SES took the mail: from here on nothing may make the message come back, or it would go twice.
  try {
    if (!(await finishEmail(email.id, claim.token, { status: 'sent', sesMessageId }))) {
      logger.warn('email sent after its claim lapsed; another copy may have gone too', { emailId: email.id });
    }
  } catch (error) {
    logger.error('email sent but not marked; its claim stays until it expires', {
      emailId: email.id,
      error: (error as Error).message,
    });
  }
  return 'sent';
}
