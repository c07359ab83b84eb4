import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { keys } from '@arbor/shared/keys';
import { db, sesClient } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { epochSeconds } from '../lib/ids.js';
import { logger } from '../lib/logger.js';

const QueuedEmail = z.object({
  id: z.string().min(1),
  to: z.email(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});

/** How long a sent mark is kept: longer than any redelivery of the same message could arrive. */
const SENT_MARK_DAYS = 7;

/**
 * Sends queued mail with SES. A mark per message id makes a redelivered
 * message a no-op; failures are reported per message so only they come back.
 * A message that can never be sent (malformed) is dropped with an error log
 * rather than retried into the DLQ forever.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = QueuedEmail.safeParse(safeJson(record.body));
    if (!parsed.success) {
      logger.error('dropping malformed email message', { messageId: record.messageId, issues: parsed.error.issues });
      continue;
    }
    const email = parsed.data;
    try {
      const mark = keys.emailSent(email.id);
      const seen = await db().send(new GetCommand({ TableName: env.tableName(), Key: mark }));
      if (seen.Item) continue;
      await sesClient().send(
        new SendEmailCommand({
          FromEmailAddress: env.mailFrom(),
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
      const now = new Date();
      await db().send(
        new PutCommand({
          TableName: env.tableName(),
          Item: {
            ...mark,
            entity: 'emailSent',
            sentAt: now.toISOString(),
            expiresAtEpoch: epochSeconds(now) + SENT_MARK_DAYS * 86_400,
          },
        }),
      );
    } catch (error) {
      logger.warn('email send failed; will retry', { messageId: record.messageId, error: (error as Error).message });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
