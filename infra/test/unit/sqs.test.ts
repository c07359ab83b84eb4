import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { AwsStandIns, sqsService } from '../../src/local/aws-standins.js';
import { freePort } from '../../src/local/processes.js';
import { LocalQueues } from '../../src/local/sqs.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await wait(10);
  }
}

describe('local SQS semantics', () => {
  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    const queues = new LocalQueues('http://local');
    const queue = queues.create({ name: 'q', visibilityTimeoutSeconds: 0.05 });
    queue.send('hello');
    const [first] = queue.receive(10);
    expect(first?.body).toBe('hello');
    expect(queue.receive(10)).toEqual([]);
    await wait(60);
    const [again] = queue.receive(10);
    expect(again?.messageId).toBe(first?.messageId);
    expect(again?.receiveCount).toBe(2);
    // The first receipt handle is stale now: deleting with it does nothing.
    expect(queue.delete(queue.toRecord(first!).receiptHandle.replace(/#.*/, '#stale'))).toBe(false);
  });

  it('keeps only the messages a consumer reports as failed, and dead-letters after maxReceiveCount', async () => {
    const queues = new LocalQueues('http://local');
    const queue = queues.create({ name: 'jobs', visibilityTimeoutSeconds: 0.02, maxReceiveCount: 3 });
    const dlq = queues.get('jobs-dlq')!;
    const deliveries = new Map<string, number>();
    queue.startConsumer(
      async (event: SQSEvent): Promise<SQSBatchResponse> => {
        for (const r of event.Records) deliveries.set(r.body, (deliveries.get(r.body) ?? 0) + 1);
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      },
      { pollMs: 5, concurrency: 1 },
    );
    queue.send('good');
    queue.send('poison');
    await until(() => dlq.counts().total === 1);
    await queue.stopConsumer();
    expect(deliveries.get('good')).toBe(1);
    expect(deliveries.get('poison')).toBe(3);
    expect(queue.counts().total).toBe(0);
    expect(dlq.receive(1)[0]?.body).toBe('poison');
  });

  it('retries the whole batch when the consumer throws', async () => {
    const queues = new LocalQueues('http://local');
    const queue = queues.create({ name: 'flaky', visibilityTimeoutSeconds: 0.02 });
    let calls = 0;
    queue.startConsumer(
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return { batchItemFailures: [] };
      },
      { pollMs: 5, concurrency: 1 },
    );
    queue.send('a');
    queue.send('b');
    await until(() => queue.counts().total === 0);
    await queue.stopConsumer();
    expect(calls).toBe(2);
  });
});

describe('SQS JSON protocol stand-in, through the real SDK', () => {
  const standIns = new AwsStandIns();
  let client: SQSClient;
  let queues: LocalQueues;

  beforeAll(async () => {
    const port = await freePort();
    queues = new LocalQueues(`http://127.0.0.1:${port}`);
    queues.create({ name: 'email', visibilityTimeoutSeconds: 30 });
    standIns.register('AmazonSQS', sqsService(queues));
    await standIns.listen(port);
    client = new SQSClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(() => standIns.close());

  it('sends (the SDK verifies the body and attribute MD5s), batches, counts and receives', async () => {
    const url = queues.get('email')!.url;
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"to":"a@example.com"}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'reset' } },
      }),
    );
    expect(sent.MessageId).toBeTruthy();
    const batch = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [1, 2].map((n) => ({ Id: `m${n}`, MessageBody: `body ${n}` })),
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['m1', 'm2']);
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('3');
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => m.Body)).toEqual(['{"to":"a@example.com"}', 'body 1', 'body 2']);
  });

  it('answers an unknown queue the way SQS does', async () => {
    await expect(
      client.send(new SendMessageCommand({ QueueUrl: 'http://127.0.0.1/000000000000/nope', MessageBody: 'x' })),
    ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
