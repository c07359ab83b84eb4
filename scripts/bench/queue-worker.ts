/**
 * `queue-worker.ts <queue>`: a stand-in for a queue's consumer Lambda, as its
 * own process so a benchmark can kill it midway. Receives batches from the
 * (local) SQS queue, runs the consumer the wiring names for that queue
 * (functions/src/wiring.ts), deletes what succeeded, and reports each batch
 * on stdout as a JSON line.
 *
 * BENCH_VISIBILITY (seconds, 10 by default) hides a received message for
 * less than the queue's own timeout, so a killed worker's messages come back
 * soon. BENCH_RETRY_VISIBILITY, when set, is how long a message the consumer
 * failed stays hidden before it comes back: Lambda leaves it for the queue's
 * visibility timeout, and a consumer that holds a lease per message (the
 * email consumer's, 5 minutes) must not see it back so often that it runs
 * out of receives before the lease of a killed worker ends.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { queueConsumers, queueUrlEnv } from '../../functions/src/wiring.js';

const consumer = queueConsumers.find((c) => c.queue === process.argv[2]);
if (!consumer) throw new Error(`usage: queue-worker.ts <${queueConsumers.map((c) => c.queue).join('|')}>`);
const { handler } = (await import(`../../functions/src/${consumer.entry.replace(/\.ts$/, '.js')}`)) as {
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
};

const sqs = new SQSClient({});
const queueUrl = process.env[queueUrlEnv(consumer.queue)]!;
const visibility = Number(process.env.BENCH_VISIBILITY ?? 10);
const retryVisibility = process.env.BENCH_RETRY_VISIBILITY ? Number(process.env.BENCH_RETRY_VISIBILITY) : undefined;

for (;;) {
  const received = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: consumer.batchSize,
      VisibilityTimeout: visibility,
    }),
  );
  const messages = received.Messages ?? [];
  if (messages.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    continue;
  }
  const started = performance.now();
  const event = {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body!,
      attributes: m.Attributes ?? {},
    })),
  } as unknown as SQSEvent;
  const response = await handler(event);
  const elapsed = performance.now() - started;
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = messages.filter((m) => !failed.has(m.MessageId!));
  if (done.length) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
  if (retryVisibility !== undefined) {
    for (const m of messages.filter((m) => failed.has(m.MessageId!))) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: m.ReceiptHandle!,
          VisibilityTimeout: retryVisibility,
        }),
      );
    }
  }
  // Messages of a batch run side by side (or one after another), so each took about the batch's time.
  process.stdout.write(`${JSON.stringify({ batch: messages.length, ok: done.length, ms: elapsed })}\n`);
}
