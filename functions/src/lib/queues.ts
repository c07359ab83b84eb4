import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlEnv, type QueueName } from '../wiring.js';
import { requireEnv } from './env.js';

/**
 * Putting messages on the wiring's queues (the queue's URL comes from the
 * variable the stack and the local runtime set for a function allowed to send
 * to it). Messages are JSON.
 */
let sqs: SQSClient | undefined;
const client = () => (sqs ??= new SQSClient({}));

export async function sendMessage(queue: QueueName, body: unknown): Promise<void> {
  await client().send(
    new SendMessageCommand({ QueueUrl: requireEnv(queueUrlEnv(queue)), MessageBody: JSON.stringify(body) }),
  );
}

/** Sends many messages, ten per request; throws if any could not be queued, so the caller is retried. */
export async function sendMessages(queue: QueueName, bodies: readonly unknown[]): Promise<void> {
  const queueUrl = requireEnv(queueUrlEnv(queue));
  for (let start = 0; start < bodies.length; start += 10) {
    const batch = bodies.slice(start, start + 10);
    const result = await client().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((body, i) => ({ Id: String(i), MessageBody: JSON.stringify(body) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} messages could not be queued on ${queue}`);
  }
}
