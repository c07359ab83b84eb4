import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { queueConsumers, queueUrlEnv, type QueueName } from '../../src/wiring.js';
import { AwsStandIns, sqsService } from '../../../infra/src/local/aws-standins.js';
import { loadHandler } from '../../../infra/src/local/lambda.js';
import { freePort } from '../../../infra/src/local/processes.js';
import { LocalQueues } from '../../../infra/src/local/sqs.js';
import { LocalStepFunctions } from '../../../infra/src/local/step-functions.js';

export interface TestStandIns {
  queues: LocalQueues;
  stepFunctions: LocalStepFunctions;
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
  await standIns.listen(port);
  process.env.AWS_ENDPOINT_URL_SQS = endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = endpoint;
  current = {
    queues,
    stepFunctions,
    stop: async () => {
      await queues.stop();
      await standIns.close();
    },
  };
  return current;
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
