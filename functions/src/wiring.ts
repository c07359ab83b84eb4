/**
 * The one declaration of what runs where. Every handler is listed once with
 * its trigger; the CDK stack (infra/src/stack) and the local runtime
 * (infra/src/local) are both built from these lists, so a route, queue or
 * schedule cannot exist in one and not the other.
 *
 * Pure data: no handler code is imported here, so the CDK app and each Lambda
 * bundle stay small. Entries are paths under functions/src. The HTTP routes
 * are the table in shared/src/api/routes.ts, which the web client reads too.
 */

import { AREAS, ROUTES, splitRoute, type Area, type HttpMethod } from '@arbor/shared/api/routes';
import { EMAIL_BATCH, EMAIL_WORKERS } from './comms/pacing.js';

export { AREAS, type Area, type HttpMethod };

export interface HttpRoute {
  method: HttpMethod;
  /** API Gateway v2 path template, e.g. /api/members/{id}; `$default` catches everything unmatched. */
  path: string;
  area: Area;
  /** Name of the handler in the area's router (functions/src/<area>/api.ts). */
  name: string;
}

/** Each area is one Lambda whose router dispatches on the route key. */
export const areaEntry = (area: Area) => `${area}/api.ts`;

/** Every route, from the one route table in shared/src/api/routes.ts. */
export const httpRoutes: readonly HttpRoute[] = AREAS.flatMap((area) =>
  Object.entries(ROUTES[area]).map(([name, route]) => ({ area, name, ...splitRoute(route) })),
);

/** The key API Gateway puts on the event (`event.routeKey`) for a matched route. */
export const routeKey = (route: Pick<HttpRoute, 'method' | 'path'>) =>
  route.path === '$default' ? '$default' : `${route.method} ${route.path}`;

export const QUEUES = ['email', 'autoship', 'webhooks', 'broadcasts'] as const;
export type QueueName = (typeof QUEUES)[number];

/** The variable a producer reads its queue's URL from. */
export const queueUrlEnv = (queue: QueueName) => `${queue.toUpperCase()}_QUEUE_URL`;

/** What a function is allowed to touch; the stack grants exactly this and sets the matching variables. */
export interface Access {
  table: 'read' | 'readWrite';
  /** Queues it sends to. */
  sendTo?: readonly QueueName[];
  /** Sends mail through SES itself (only the email consumer does). */
  ses?: boolean;
  /** Signs and verifies session tokens. */
  sessionSecret?: boolean;
  /** Signs and verifies links sent by mail (one-click unsubscribe): its own secret, not the session one. */
  linkSecret?: boolean;
  /** Envelope encryption of sensitive fields: `encrypt` writes them, `decrypt` also reads them back. */
  kms?: 'encrypt' | 'decrypt';
  /** Presigns uploads to (and links to) the uploads bucket. */
  uploads?: boolean;
  /** Reads (and writes) close snapshots, results and exports in the periods bucket. */
  periods?: 'read' | 'readWrite';
  /** State machines it starts and watches. */
  startMachines?: readonly string[];
}

export const areaAccess: Record<Area, Access> = {
  auth: { table: 'readWrite', sendTo: ['email'], sessionSecret: true },
  members: { table: 'readWrite', sendTo: ['email'], sessionSecret: true, kms: 'encrypt', uploads: true },
  genealogy: { table: 'read', sessionSecret: true, uploads: true },
  orders: { table: 'readWrite', sendTo: ['email'], sessionSecret: true, uploads: true },
  autoship: { table: 'readWrite', sessionSecret: true },
  commissions: {
    table: 'readWrite',
    sessionSecret: true,
    periods: 'readWrite',
    kms: 'decrypt',
    startMachines: ['period-close'],
  },
  admin: { table: 'readWrite', sessionSecret: true, uploads: true },
  support: { table: 'readWrite', sessionSecret: true },
  system: { table: 'read', sessionSecret: true },
  // Encrypts new webhook signing secrets (never reads them back); a replay queues the delivery again.
  integrations: { table: 'readWrite', sessionSecret: true, kms: 'encrypt', sendTo: ['webhooks'] },
  // Broadcasts: a send starts the fan-out (the broadcasts queue); unsubscribe links are checked with the link secret.
  comms: { table: 'readWrite', sessionSecret: true, linkSecret: true, sendTo: ['broadcasts'] },
  // News: articles and partners' notes; links to article images in the uploads bucket.
  news: { table: 'readWrite', sessionSecret: true, uploads: true },
  // Support cases: replies to members and contacts go out through the email queue.
  cases: { table: 'readWrite', sessionSecret: true, sendTo: ['email'] },
  // Services and reward points: the catalog, members' services and points (no queue, no secrets but the session's).
  services: { table: 'readWrite', sessionSecret: true },
};

/** A queue with its consumer (the Lambda event source mapping) and its dead-letter queue. */
export interface QueueConsumer {
  queue: QueueName;
  entry: string;
  batchSize: number;
  /** Longer than the consumer's timeout, so a slow batch is not delivered twice meanwhile. */
  visibilityTimeoutSeconds: number;
  timeoutSeconds: number;
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount: number;
  /** Concurrent batches (Lambda's maximum concurrency for the event source). */
  concurrency: number;
  access: Access;
}

export const queueConsumers: readonly QueueConsumer[] = [
  {
    // Single mails and broadcast chunks (comms/chunk.ts). A chunk's sending is paced to the worker's share of
    // the SES rate (comms/pacing.ts), which is why concurrency and batch size come from there; a chunk signs
    // its recipients' unsubscribe links with the link secret.
    queue: 'email',
    entry: 'email/consume.ts',
    batchSize: EMAIL_BATCH,
    visibilityTimeoutSeconds: 720,
    timeoutSeconds: 120,
    maxReceiveCount: 5,
    concurrency: EMAIL_WORKERS,
    access: { table: 'readWrite', ses: true, linkSecret: true },
  },
  {
    // A broadcast's fan-out: reads its audience page by page and queues recipient chunks on the email queue
    // (comms/fanout.ts); a long one goes on in a continuation message before its time runs out.
    queue: 'broadcasts',
    entry: 'comms/fanout.ts',
    batchSize: 1,
    // Six times the timeout (AWS's advice); a fan-out whose worker died is taken over sooner, by the
    // per-minute job's kick after three minutes without progress (comms/fanout.ts STALE_FANOUT_MS).
    visibilityTimeoutSeconds: 1800,
    timeoutSeconds: 300,
    maxReceiveCount: 10,
    concurrency: 2,
    access: { table: 'readWrite', sendTo: ['email', 'broadcasts'] },
  },
  {
    queue: 'autoship',
    entry: 'autoship/consume.ts',
    batchSize: 10,
    visibilityTimeoutSeconds: 360,
    timeoutSeconds: 60,
    maxReceiveCount: 5,
    concurrency: 4,
    access: { table: 'readWrite', sendTo: ['email'] },
  },
  {
    // Webhook deliveries: one attempt per message, a failed one hidden until its next attempt is due
    // (integrations/deliver.ts); it decrypts the endpoint's signing secret to sign.
    queue: 'webhooks',
    entry: 'integrations/deliver.ts',
    batchSize: 10,
    visibilityTimeoutSeconds: 360,
    timeoutSeconds: 60,
    // 8 attempts a round, a long wait woken twice, a busy copy or two: well under this.
    maxReceiveCount: 15,
    concurrency: 2,
    access: { table: 'readWrite', kms: 'decrypt' },
  },
];

/**
 * A consumer of the table's stream (Lambda event source mapping), with a
 * filter so it only wakes up for the items it cares about.
 */
export interface StreamConsumer {
  name: string;
  entry: string;
  batchSize: number;
  timeoutSeconds: number;
  /** Retries of a failing record before it is sent to the consumer's DLQ. */
  maxRetryAttempts: number;
  /** Only items whose sort key starts with this. */
  sortKeyPrefix: string;
  access: Access;
}

export const streamConsumers: readonly StreamConsumer[] = [
  {
    name: 'genealogy',
    entry: 'genealogy/stream.ts',
    batchSize: 100,
    timeoutSeconds: 300,
    maxRetryAttempts: 50,
    sortKeyPrefix: 'PROFILE',
    access: { table: 'readWrite' },
  },
  {
    name: 'volumes',
    entry: 'commissions/live.ts',
    batchSize: 100,
    timeoutSeconds: 120,
    maxRetryAttempts: 50,
    sortKeyPrefix: 'VOLUME#',
    access: { table: 'readWrite' },
  },
  {
    // The outbox: each event (keys.outboxEvent) becomes a delivery per subscribed endpoint, queued.
    name: 'webhooks',
    entry: 'integrations/fanout.ts',
    batchSize: 100,
    timeoutSeconds: 120,
    maxRetryAttempts: 50,
    sortKeyPrefix: 'EVENT',
    access: { table: 'readWrite', sendTo: ['webhooks'] },
  },
];

/** SNS topics: `mail-events` carries SES's bounce and complaint events (the stack's configuration set). */
export const TOPICS = ['mail-events'] as const;
export type TopicName = (typeof TOPICS)[number];

/**
 * A subscriber of an SNS topic. The local runtime has no SNS stand-in and
 * runs none of these (local SES reports no bounces); tests call the handler
 * with SES's own notification shape.
 */
export interface TopicSubscriber {
  topic: TopicName;
  entry: string;
  timeoutSeconds: number;
  access: Access;
}

export const topicSubscribers: readonly TopicSubscriber[] = [
  // Hard bounces and complaints become suppressed addresses (functions/src/email/ses-events.ts).
  { topic: 'mail-events', entry: 'email/ses-events.ts', timeoutSeconds: 30, access: { table: 'readWrite' } },
];

/**
 * A Step Functions state machine: its ASL (a data module under functions/src)
 * and, for each Task state, the exported handler that runs it.
 */
export interface StateMachineSpec {
  name: string;
  /** Module exporting the ASL as `definitionExport`. */
  definitionModule: string;
  definitionExport: string;
  /** Task state name -> handler export of `entry`; the ASL names each function `${<State>Function}`. */
  entry: string;
  tasks: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  access: Access;
  /**
   * Runs when an execution ends without success where no Catch can act (timed
   * out, stopped): an EventBridge rule on Step Functions' status-change event
   * in AWS, the local Step Functions' own event on this machine.
   */
  onEnded?: { entry: string; timeoutSeconds: number; access: Access };
}

export const stateMachines: readonly StateMachineSpec[] = [
  {
    name: 'period-close',
    definitionModule: 'commissions/close/machine.ts',
    definitionExport: 'periodCloseDefinition',
    entry: 'commissions/close/handlers.ts',
    tasks: {
      Lock: 'lock',
      Snapshot: 'snapshot',
      Compute: 'compute',
      WriteChunk: 'writeChunk',
      Publish: 'publish',
      Fail: 'fail',
    },
    timeoutSeconds: 900,
    memoryMb: 3008,
    // Finalize mails each earning partner its statement.
    access: { table: 'readWrite', periods: 'readWrite', sendTo: ['email'] },
    // A run that timed out or was stopped releases its period's lock (functions/src/commissions/close/ended.ts).
    onEnded: { entry: 'commissions/close/ended.ts', timeoutSeconds: 30, access: { table: 'readWrite' } },
  },
];

/** The variable a function reads a state machine's ARN from. */
export const stateMachineArnEnv = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_MACHINE_ARN`;

/** A job on a schedule (EventBridge Scheduler), cron in the company's time zone. */
export interface ScheduledJob {
  name: string;
  entry: string;
  /** Five-field cron: minute hour day-of-month month day-of-week. */
  cron: string;
  timeoutSeconds: number;
  access: Access;
}

export const scheduledJobs: readonly ScheduledJob[] = [
  {
    // Every night at 02:00 company time: the day's smart orders (and retries) go on the queue.
    name: 'autoship-nightly',
    entry: 'autoship/enqueue.ts',
    cron: '0 2 * * *',
    timeoutSeconds: 300,
    access: { table: 'read', sendTo: ['autoship'] },
  },
  {
    // Every minute: scheduled broadcasts whose time has come (and fan-outs that stalled) go to the fan-out.
    name: 'broadcasts-due',
    entry: 'comms/due.ts',
    cron: '* * * * *',
    timeoutSeconds: 60,
    access: { table: 'read', sendTo: ['broadcasts'] },
  },
];
