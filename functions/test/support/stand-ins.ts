import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { queueConsumers, queueUrlEnv, streamConsumers, type QueueName } from '../../src/wiring.js';
import { LocalStreamPoller } from '../../../infra/src/local/streams.js';
import { AwsStandIns, sqsService } from '../../../infra/src/local/aws-standins.js';
import { loadHandler } from '../../../infra/src/local/lambda.js';
import { freePort } from '../../../infra/src/local/processes.js';
import { LocalQueues } from '../../../infra/src/local/sqs.js';
import { LocalStepFunctions } from '../../../infra/src/local/step-functions.js';
import { localKmsService } from '../../../infra/src/local/kms.js';
import { registerStateMachines } from '../../../infra/src/local/machines.js';

export interface TestStandIns {
  queues: LocalQueues;
  stepFunctions: LocalStepFunctions;
  streams: LocalStreamPoller[];
  stop(): Promise<void>;
}

let current: TestStandIns | undefined;

/** The queues of the wiring (consumers not started: a test starts what it needs). */
export async function startTestStandIns(): Promise<TestStandIns> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const queues = new LocalQueues(endpoint);
  const stepFunctions = new LocalStepFunctions();
  for (const consumer of queueConsumers) {
    const queue = queues.create({
      name: consumer.queue,
      visibilityTimeoutSeconds: consumer.visibilityTimeoutSeconds,
      maxReceiveCount: consumer.maxReceiveCount,
    });
    process.env[queueUrlEnv(consumer.queue)] = queue.url;
  }
  const standIns = new AwsStandIns();
  standIns.register('AmazonSQS', sqsService(queues));
  standIns.register('AWSStepFunctions', stepFunctions.service());
  standIns.register('TrentService', localKmsService(null));
  await registerStateMachines(stepFunctions);
  await standIns.listen(port);
  process.env.AWS_ENDPOINT_URL_SQS = endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = endpoint;
  process.env.AWS_ENDPOINT_URL_KMS = endpoint;
  const streams: LocalStreamPoller[] = [];
  current = {
    queues,
    stepFunctions,
    streams,
    stop: async () => {
      await Promise.all(streams.map((poller) => poller.stop()));
      await queues.stop();
      await standIns.close();
    },
  };
  return current;
}

/** The table's stream consumers, as Lambda would run them, from the start of the stream. */
export async function startTestStreams(tableName: string): Promise<void> {
  for (const consumer of streamConsumers) {
    const poller = new LocalStreamPoller(new DynamoDBClient({}), tableName, consumer, {
      startAt: 'trim_horizon',
      pollMs: 20,
      log: (line) => console.error(line),
    });
    await poller.start();
    standIns().streams.push(poller);
  }
}

/**
 * Waits until every stream consumer has caught up: two passes over the stream
 * that began after this call found nothing to do (so every record written
 * before it, and every record its handling wrote, is handled).
 */
export async function streamSettled(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pollers = standIns().streams;
  const start = pollers.map((poller) => poller.progress().passes);
  const settled = () =>
    pollers.every((poller, i) => {
      const { passes, idleStreak } = poller.progress();
      return passes >= start[i]! + 3 && idleStreak >= 2;
    });
  while (!settled()) {
    if (Date.now() > deadline) throw new Error('the stream did not settle');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function standIns(): TestStandIns {
  if (!current) throw new Error('stand-ins are started in beforeAll of setup-env.ts');
  return current;
}

/** Runs the wiring's consumer of a queue until everything on it is handled. */
export async function drainQueue(name: QueueName, timeoutMs = 10_000): Promise<void> {
  const consumer = queueConsumers.find((c) => c.queue === name);
  const queue = standIns().queues.get(name);
  if (!consumer || !queue) throw new Error(`no queue ${name}`);
  const handler = await loadHandler<SQSEvent, SQSBatchResponse>(consumer.entry);
  const deadline = Date.now() + timeoutMs;
  while (queue.counts().total > 0) {
    if (Date.now() > deadline) throw new Error(`queue ${name} did not drain`);
    const batch = queue.receive(consumer.batchSize, 1);
    if (batch.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    const response = await handler({ Records: batch.map((m) => queue.toRecord(m)) }, {} as never);
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    for (const message of batch)
      if (!failed.has(message.messageId)) queue.delete(queue.toRecord(message).receiptHandle);
  }
}
