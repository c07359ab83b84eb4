import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  queueConsumers,
  queueUrlEnv,
  scheduledJobs,
  stateMachineArnEnv,
  stateMachines,
  streamConsumers,
} from '@arbor/functions/wiring';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { functionEnv, localEndpointEnv } from '../function-env.js';
import { AwsStandIns, sqsService } from './aws-standins.js';
import { localConfig, PORT_VARIABLES, type LocalConfig } from './config.js';
import { repoRoot, startDynamoDbLocal } from './dynamodb-local.js';
import { checkJava } from './java.js';
import { lambdaContext, loadHandler } from './lambda.js';
import { clearLeftovers, isPortFree, removePidFile, stopAllChildren, usePidFile, type Child } from './processes.js';
import { startS3Local } from './s3-local.js';
import { LocalScheduler } from './scheduler.js';
import { startSesLocal } from './ses-local.js';
import { LocalQueues } from './sqs.js';
import { LocalStepFunctions, type ExecutionEnded } from './step-functions.js';
import { localRequestListener } from './http-server.js';
import { LocalStreamPoller } from './streams.js';
import { registerStateMachines } from './machines.js';
import { LOCAL_KMS_KEY, localKmsService } from './kms.js';
import { ensureTable } from './table.js';

export interface LocalStackOptions {
  config?: Partial<LocalConfig>;
  /** Serve the API and the web app (false for jobs-only uses such as the seed). */
  http?: boolean;
  /** Run queue consumers, schedules and state machines. */
  jobs?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  config: LocalConfig;
  urls: { app: string; api: string; mailViewer: string; dynamodb: string; s3: string };
  dynamodb: DynamoDBClient;
  queues: LocalQueues;
  stepFunctions: LocalStepFunctions;
  scheduler: LocalScheduler | null;
  streams: LocalStreamPoller[];
  tableCreated: boolean;
  stop(): Promise<void>;
}

/** A clear, one-line reason the stack cannot start. */
export class StartupError extends Error {}

/** A secret kept under the data folder (so sessions and mailed links survive a restart), or a fresh one in memory. */
function localSecret(dataDir: string | null, name: string): string {
  if (!dataDir) return randomBytes(48).toString('base64url');
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Stands the whole back office up on this machine: DynamoDB Local, S3 and SES
 * stand-ins, the SQS / Step Functions / scheduler emulation, and the API plus
 * the web app on one address, all wired from functions/src/wiring.ts.
 */
/** Whether a port is free, or becomes free within `ms`. */
async function portFreeWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await isPortFree(port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const config = localConfig(options.config);
  const log = options.log ?? (() => undefined);
  const javaProblem = checkJava();
  if (javaProblem) throw new StartupError(javaProblem);
  // A run that was killed (kill -9, a crash) may have left its children: stop those first, if they are ours.
  const pidFile = join(config.dataDir ?? join(repoRoot, '.data'), 'run', `stack-${config.ports.dynamodb}.json`);
  const leftovers = await clearLeftovers(pidFile);
  for (const leftover of leftovers) {
    log(`stopped ${leftover.name} (pid ${leftover.pid}), left running by a stack that did not stop cleanly`);
  }
  const wanted = Object.entries(config.ports).filter(([name]) => options.http !== false || name !== 'web');
  for (const [name, value] of wanted) {
    // Leftovers just stopped may take a moment to let go of their ports on a busy machine.
    if (!(await portFreeWithin(value, leftovers.length ? 10_000 : 0))) {
      const variable = PORT_VARIABLES[name as keyof LocalConfig['ports']];
      throw new StartupError(
        `Port ${value} (${name}) is busy: stop what uses it, or pick another with ${variable}=<port> npm start.`,
      );
    }
  }

  const children: Child[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Promise.all(children.map((child) => child.stop()));
    await stopAllChildren();
    removePidFile();
  };
  usePidFile(pidFile);

  try {
    const endpoints = {
      dynamodb: `http://127.0.0.1:${config.ports.dynamodb}`,
      s3: `http://127.0.0.1:${config.ports.s3}`,
      ses: `http://127.0.0.1:${config.ports.ses}`,
      aws: `http://127.0.0.1:${config.ports.aws}`,
    };
    const queues = new LocalQueues(endpoints.aws);
    const stepFunctions = new LocalStepFunctions();
    Object.assign(
      process.env,
      localEndpointEnv(endpoints),
      functionEnv({
        tableName: config.tableName,
        appUrl: config.appUrl,
        mailFrom: config.mailFrom,
        uploadsBucket: config.buckets.uploads,
        periodsBucket: config.buckets.periods,
        kmsKeyId: LOCAL_KMS_KEY,
      }),
      {
        SESSION_SECRET: localSecret(config.dataDir, 'session-secret'),
        LINK_SECRET: localSecret(config.dataDir, 'link-secret'),
        COOKIE_SECURE: 'false',
        // Handlers log JSON like in Lambda; locally only warnings and errors, unless LOG_LEVEL says otherwise.
        POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
        // A file-backed DynamoDB Local syncs per request: bulk loads go 100 items per request (see bulkPut).
        BULK_WRITE_MODE: config.dataDir ? 'transact' : 'batch',
      },
    );
    for (const consumer of queueConsumers) {
      const queue = queues.create({
        name: consumer.queue,
        visibilityTimeoutSeconds: consumer.visibilityTimeoutSeconds,
        maxReceiveCount: consumer.maxReceiveCount,
      });
      process.env[queueUrlEnv(consumer.queue)] = queue.url;
    }

    log('starting DynamoDB Local, S3 and SES stand-ins…');
    const [dynamo, ses, s3] = await Promise.all([
      startDynamoDbLocal({
        port: config.ports.dynamodb,
        ...(config.dataDir ? { dbPath: join(config.dataDir, 'dynamodb') } : {}),
      }),
      startSesLocal(config.ports.ses),
      startS3Local(config.ports.s3, config.dataDir, Object.values(config.buckets)),
    ]);
    children.push(dynamo, ses);
    closers.push(() => s3.close());

    const standIns = new AwsStandIns();
    standIns.register('AmazonSQS', sqsService(queues));
    standIns.register('AWSStepFunctions', stepFunctions.service());
    standIns.register('TrentService', localKmsService(config.dataDir));
    await registerStateMachines(stepFunctions);
    // As the stack's EventBridge rules do: a machine's onEnded handler hears of executions that did not succeed.
    for (const spec of stateMachines.filter((machine) => machine.onEnded)) {
      const ended = await loadHandler<{ detail: ExecutionEnded }, unknown>(spec.onEnded!.entry);
      stepFunctions.onExecutionEnded((execution) =>
        execution.stateMachineArn === process.env[stateMachineArnEnv(spec.name)] && execution.status !== 'SUCCEEDED'
          ? ended({ detail: execution }, lambdaContext(`${spec.name}-ended`, spec.onEnded!.timeoutSeconds * 1000))
          : undefined,
      );
    }
    await standIns.listen(config.ports.aws);
    closers.push(() => standIns.close());

    const dynamodb = new DynamoDBClient({});
    const tableCreated = (await ensureTable(dynamodb, config.tableName)) === 'created';
    if (options.jobs !== false && !tableCreated) {
      // Closes that were running when the stack last stopped (killed, crashed) are released or resumed.
      const { recoverInterruptedCloses } = await import('@arbor/functions/commissions/close/recover');
      for (const line of await recoverInterruptedCloses((arn) => stepFunctions.isRunning(arn))) log(line);
    }

    let scheduler: LocalScheduler | null = null;
    const streams: LocalStreamPoller[] = [];
    if (options.jobs !== false) {
      for (const consumer of streamConsumers) {
        const poller = new LocalStreamPoller(dynamodb, config.tableName, consumer, {
          // A new table has nothing to skip; an existing one resumes from its checkpoint,
          // or, with none (seeded by `npm run seed` alone), skips the import's records.
          startAt: tableCreated || !config.dataDir ? 'trim_horizon' : 'latest',
          ...(config.dataDir ? { checkpointFile: join(config.dataDir, `stream-${consumer.name}.json`) } : {}),
          log,
        });
        await poller.start();
        streams.push(poller);
        closers.push(() => poller.stop());
      }
      for (const consumer of queueConsumers) {
        const handler = await loadHandler<SQSEvent, SQSBatchResponse>(consumer.entry);
        queues.get(consumer.queue)!.startConsumer(handler, {
          batchSize: consumer.batchSize,
          concurrency: consumer.concurrency,
          timeoutMs: consumer.timeoutSeconds * 1000,
          functionName: consumer.queue,
        });
      }
      closers.push(() => queues.stop());
      scheduler = new LocalScheduler(scheduledJobs, DEFAULT_SETTINGS.timeZone, log);
      scheduler.start();
      closers.push(async () => scheduler?.stop());
    }

    if (options.http !== false) {
      const server: Server = createServer(localRequestListener({ queues, webRoot: join(repoRoot, 'web', 'build') }));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.ports.web, '127.0.0.1', () => resolve());
      });
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      );
    }

    return {
      config,
      urls: {
        app: config.appUrl,
        api: `${config.appUrl}/api`,
        mailViewer: endpoints.ses,
        dynamodb: endpoints.dynamodb,
        s3: endpoints.s3,
      },
      dynamodb,
      queues,
      stepFunctions,
      scheduler,
      streams,
      tableCreated,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
