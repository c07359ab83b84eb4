/**
 * A stand-in for the autoship consumer Lambda, as its own process so the
 * benchmark can kill it midway: receives batches from the (local) SQS queue,
 * runs the real handler, deletes what succeeded, and reports each message's
 * time on stdout as JSON lines.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { handler } from '../../functions/src/autoship/consume.js';

const sqs = new SQSClient({});
const queueUrl = process.env.AUTOSHIP_QUEUE_URL!;
const visibility = Number(process.env.BENCH_VISIBILITY ?? 10);

for (;;) {
  const received = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: visibility }),
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
  // Messages of a batch run side by side, so each took about the batch's time.
  process.stdout.write(`${JSON.stringify({ batch: messages.length, ok: done.length, ms: elapsed })}\n`);
}
