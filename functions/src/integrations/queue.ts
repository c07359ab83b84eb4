import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { requireEnv } from '../lib/env.js';

/**
 * The webhooks queue. A message only wakes a delivery up: what to send, how
 * many attempts were made and when the next is due live on the delivery item
 * (repository.ts), so a lost, duplicated or late message changes nothing.
 */
export const DeliveryMessage = z.object({
  endpointId: z.string().min(1),
  eventId: z.string().min(1),
  /** The delivery's round: a replay starts a new one, and messages of older rounds are dropped. */
  generation: z.number().int().min(1),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

let sqs: SQSClient | undefined;
// The visibility change names the queue by the URL made from the record's ARN: keep the client's own endpoint.
const client = () => (sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

/** Queues deliveries, ten per request; throws if any could not be queued (the caller is retried). */
export async function queueDeliveries(messages: readonly DeliveryMessage[]): Promise<void> {
  const queueUrl = requireEnv('WEBHOOKS_QUEUE_URL');
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    const result = await client().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} webhook deliveries could not be queued`);
  }
}

/**
 * SQS keeps a message hidden at most 12 hours from its receipt; a longer wait
 * wakes a little early and sleeps again.
 */
const MAX_HIDE_SECONDS = 43_000;

/** The queue's URL from the record's ARN (`arn:aws:sqs:<region>:<account>:<name>`). */
function queueUrlOf(record: SQSRecord): string {
  const [, , , region, account, name] = record.eventSourceARN.split(':');
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
}

/**
 * Keeps a received message out of sight for `seconds`: reported as a batch
 * item failure afterwards, it comes back then, and not before. This is the
 * backoff of a failed attempt (and the wait of a message that came early).
 */
export async function wakeAgainIn(record: SQSRecord, seconds: number): Promise<void> {
  await client().send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrlOf(record),
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: Math.max(1, Math.min(MAX_HIDE_SECONDS, Math.ceil(seconds))),
    }),
  );
}
