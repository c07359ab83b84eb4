/**
 * The one declaration of what runs where. Every handler is listed once with
 * its trigger; the CDK stack (infra/src/stack) and the local runtime
 * (infra/src/local) are both built from these lists, so a route, queue or
 * schedule cannot exist in one and not the other.
 *
 * Pure data: no handler code is imported here, so the CDK app and each
 * Lambda bundle stay small. Entries are paths under functions/src.
 */

export const AREAS = [
  'auth',
  'members',
  'genealogy',
  'orders',
  'autoship',
  'commissions',
  'admin',
  'support',
  'system',
] as const;
export type Area = (typeof AREAS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

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

export const httpRoutes: readonly HttpRoute[] = [
  { area: 'system', name: 'health', method: 'GET', path: '/api/health' },
  { area: 'system', name: 'company', method: 'GET', path: '/api/company' },
  // Anything unmatched gets a JSON 404 instead of API Gateway's own body.
  { area: 'system', name: 'notFound', method: 'ANY', path: '$default' },

  { area: 'auth', name: 'signIn', method: 'POST', path: '/api/auth/sign-in' },
  { area: 'auth', name: 'signOut', method: 'POST', path: '/api/auth/sign-out' },
  { area: 'auth', name: 'refresh', method: 'POST', path: '/api/auth/refresh' },
  { area: 'auth', name: 'me', method: 'GET', path: '/api/auth/me' },
  { area: 'auth', name: 'changePassword', method: 'POST', path: '/api/auth/change-password' },
  { area: 'auth', name: 'requestPasswordReset', method: 'POST', path: '/api/auth/password-reset' },
  { area: 'auth', name: 'confirmPasswordReset', method: 'POST', path: '/api/auth/password-reset/confirm' },
  { area: 'auth', name: 'loginHistory', method: 'GET', path: '/api/auth/login-history' },

  { area: 'members', name: 'enroll', method: 'POST', path: '/api/enrollments' },
  { area: 'members', name: 'placementQueue', method: 'GET', path: '/api/members/me/placement-queue' },
  { area: 'members', name: 'getMember', method: 'GET', path: '/api/members/{id}' },
  { area: 'members', name: 'updateMember', method: 'PATCH', path: '/api/members/{id}' },
  { area: 'members', name: 'setTaxId', method: 'PUT', path: '/api/members/{id}/tax-id' },
  { area: 'members', name: 'setDirectDeposit', method: 'PUT', path: '/api/members/{id}/direct-deposit' },
  { area: 'members', name: 'placeMember', method: 'PUT', path: '/api/members/{id}/placement' },
  { area: 'members', name: 'changeStatus', method: 'PUT', path: '/api/members/{id}/status' },
  { area: 'members', name: 'memberLog', method: 'GET', path: '/api/members/{id}/log' },
  { area: 'members', name: 'presignUpload', method: 'POST', path: '/api/members/{id}/uploads' },
  { area: 'members', name: 'joinInfo', method: 'GET', path: '/api/join/{siteName}' },
  { area: 'members', name: 'joinEnroll', method: 'POST', path: '/api/join/{siteName}' },
  { area: 'members', name: 'joinUpload', method: 'POST', path: '/api/join/{siteName}/uploads' },

  { area: 'genealogy', name: 'children', method: 'GET', path: '/api/genealogy/{tree}/children/{id}' },
  { area: 'genealogy', name: 'node', method: 'GET', path: '/api/genealogy/{tree}/nodes/{id}' },
  { area: 'genealogy', name: 'search', method: 'GET', path: '/api/genealogy/search' },
  { area: 'genealogy', name: 'checkDownline', method: 'GET', path: '/api/genealogy/downline/{id}' },
  { area: 'genealogy', name: 'teamUnilevel', method: 'GET', path: '/api/team/unilevel' },
  { area: 'genealogy', name: 'teamEnrolled', method: 'GET', path: '/api/team/enrolled' },
  { area: 'genealogy', name: 'teamCustomers', method: 'GET', path: '/api/team/customers' },
  { area: 'genealogy', name: 'teamNew', method: 'GET', path: '/api/team/new-partners' },
  { area: 'genealogy', name: 'teamActivity', method: 'GET', path: '/api/team/activity' },
  { area: 'genealogy', name: 'teamByMonth', method: 'GET', path: '/api/team/enrollments-by-month' },
  { area: 'genealogy', name: 'teamRanks', method: 'GET', path: '/api/team/ranks' },

  { area: 'orders', name: 'listShopProducts', method: 'GET', path: '/api/products' },
  { area: 'orders', name: 'getShopProduct', method: 'GET', path: '/api/products/{sku}' },
  { area: 'orders', name: 'quote', method: 'POST', path: '/api/cart/quote' },
  { area: 'orders', name: 'placeOrder', method: 'POST', path: '/api/orders' },
  { area: 'orders', name: 'listOrders', method: 'GET', path: '/api/orders' },
  { area: 'orders', name: 'getOrderDetail', method: 'GET', path: '/api/orders/{id}' },
  { area: 'orders', name: 'invoicePdf', method: 'GET', path: '/api/orders/{id}/invoice.pdf' },
  { area: 'orders', name: 'cancel', method: 'POST', path: '/api/orders/{id}/cancel' },
  { area: 'orders', name: 'refund', method: 'POST', path: '/api/orders/{id}/refunds' },
  { area: 'orders', name: 'ship', method: 'PUT', path: '/api/orders/{id}/shipment' },
  { area: 'orders', name: 'deliver', method: 'POST', path: '/api/orders/{id}/delivery' },
  { area: 'orders', name: 'pay', method: 'POST', path: '/api/orders/{id}/payments' },
  { area: 'orders', name: 'listPaymentMethods', method: 'GET', path: '/api/members/{id}/payment-methods' },
  { area: 'orders', name: 'addPaymentMethod', method: 'POST', path: '/api/members/{id}/payment-methods' },
  {
    area: 'orders',
    name: 'deletePaymentMethod',
    method: 'DELETE',
    path: '/api/members/{id}/payment-methods/{methodId}',
  },
  { area: 'orders', name: 'giftCardBalance', method: 'GET', path: '/api/gift-cards/{code}' },

  { area: 'autoship', name: 'listMemberAutoships', method: 'GET', path: '/api/members/{id}/autoships' },
  { area: 'autoship', name: 'createMemberAutoship', method: 'POST', path: '/api/members/{id}/autoships' },
  { area: 'autoship', name: 'updateMemberAutoship', method: 'PATCH', path: '/api/members/{id}/autoships/{autoshipId}' },
  {
    area: 'autoship',
    name: 'autoshipAction',
    method: 'POST',
    path: '/api/members/{id}/autoships/{autoshipId}/{action}',
  },
  { area: 'autoship', name: 'teamAutoships', method: 'GET', path: '/api/team/autoships' },

  { area: 'commissions', name: 'commissionSummary', method: 'GET', path: '/api/commissions/summary' },
  { area: 'commissions', name: 'commissionPeriod', method: 'GET', path: '/api/commissions/periods/{periodId}' },
  { area: 'commissions', name: 'volumeHistory', method: 'GET', path: '/api/commissions/volumes' },
  { area: 'commissions', name: 'rankProgressOf', method: 'GET', path: '/api/commissions/rank-progress' },
  { area: 'commissions', name: 'teamAdvancements', method: 'GET', path: '/api/team/rank-advancements' },
  { area: 'commissions', name: 'adminListPeriods', method: 'GET', path: '/api/admin/periods' },
  { area: 'commissions', name: 'adminGetPeriod', method: 'GET', path: '/api/admin/periods/{id}' },
  { area: 'commissions', name: 'adminCalculate', method: 'POST', path: '/api/admin/periods/{id}/calculate' },
  { area: 'commissions', name: 'adminFinalize', method: 'POST', path: '/api/admin/periods/{id}/finalize' },
  { area: 'commissions', name: 'adminPayoutExport', method: 'GET', path: '/api/admin/periods/{id}/payouts.csv' },
  { area: 'commissions', name: 'adminMarkPaid', method: 'POST', path: '/api/admin/periods/{id}/paid' },
  { area: 'commissions', name: 'adminListPlans', method: 'GET', path: '/api/admin/plans' },
  { area: 'commissions', name: 'adminGetPlan', method: 'GET', path: '/api/admin/plans/{id}' },
  { area: 'commissions', name: 'adminCreatePlan', method: 'POST', path: '/api/admin/plans' },
  { area: 'commissions', name: 'adminUpdatePlan', method: 'PUT', path: '/api/admin/plans/{id}' },
  { area: 'commissions', name: 'adminActivatePlan', method: 'POST', path: '/api/admin/plans/{id}/activate' },
  { area: 'commissions', name: 'adminWhatIf', method: 'POST', path: '/api/admin/what-if' },

  { area: 'admin', name: 'adminListProducts', method: 'GET', path: '/api/admin/products' },
  { area: 'admin', name: 'adminCreateProduct', method: 'POST', path: '/api/admin/products' },
  { area: 'admin', name: 'adminUpdateProduct', method: 'PUT', path: '/api/admin/products/{sku}' },
  { area: 'admin', name: 'issueGiftCard', method: 'POST', path: '/api/admin/gift-cards' },
  { area: 'admin', name: 'adminPresignUpload', method: 'POST', path: '/api/admin/uploads' },

  { area: 'support', name: 'memberLoginHistory', method: 'GET', path: '/api/support/members/{id}/login-history' },
];

/** The key API Gateway puts on the event (`event.routeKey`) for a matched route. */
export const routeKey = (route: Pick<HttpRoute, 'method' | 'path'>) =>
  route.path === '$default' ? '$default' : `${route.method} ${route.path}`;

export const QUEUES = ['email', 'autoship'] as const;
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
    queue: 'email',
    entry: 'email/consume.ts',
    batchSize: 10,
    visibilityTimeoutSeconds: 180,
    timeoutSeconds: 30,
    maxReceiveCount: 5,
    concurrency: 2,
    access: { table: 'readWrite', ses: true },
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
];
