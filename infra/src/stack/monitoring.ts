import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { pascal } from './api.js';

export interface MonitoringProps {
  /** Who gets the alarms (`-c alarmEmail=ops@example.com`); without it the topic has no subscriber. */
  alarmEmail?: string;
  /** Every function of ours. */
  functions: readonly NodejsFunction[];
  httpApi: HttpApi;
  machines: Record<string, StateMachine>;
  /** Work queues (their depth is graphed, not alarmed: a nightly burst is normal). */
  queues: Record<string, IQueue>;
  /** Dead-letter queues by what they hold: anything in one needs a person. */
  dlqs: Record<string, IQueue>;
  /** Stream consumers, whose iterator age says how far behind the table they are. */
  streamConsumers: readonly NodejsFunction[];
  table: TableV2;
}

/** The kinds of alarm, for the dashboard's sections and the tests' counts. */
export type AlarmKind =
  | 'lambda-failures'
  | 'api-5xx'
  | 'api-latency'
  | 'machine-failed'
  | 'machine-timed-out'
  | 'dlq-depth'
  | 'stream-iterator-age'
  | 'table-throttles';

const FIVE_MINUTES = Duration.minutes(5);

/** Operations the code issues; a metric-math alarm may use at most 10 metrics. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

/**
 * Alarms that reach a person, through one SNS topic (an email subscription
 * from context), and one dashboard. Written with aws-cloudwatch rather than
 * cdk-monitoring-constructs: that library requires physical alarm and
 * dashboard names (a name prefix), and this project names no physical
 * resource so that stages can coexist; the handful of kinds here reads
 * plainly as it is. Every alarm also says when it is OK again.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: { kind: AlarmKind; alarm: Alarm }[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Arbor alarms', enforceSSL: true });
    NagSuppressions.addResourceSuppressions(this.topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notifications carry alarm and metric names only, no personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key.',
      },
    ]);
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    else
      Annotations.of(this).addWarningV2(
        'arbor:no-alarm-email',
        'No one is subscribed to the alarms: deploy with -c alarmEmail=ops@example.com.',
      );

    for (const fn of props.functions) {
      const name = functionName(fn);
      // One alarm per function for both ways it fails (its errors plus its throttles): a person still
      // learns which function, and the stack keeps one alarm per function instead of two (each is a
      // CloudFormation resource, and the stack must stay under 500; the dashboard graphs both apart).
      this.alarm('lambda-failures', `${name}Failures`, {
        description: `${name} failed (an exception, a timeout or out of memory) or was throttled (the account's concurrency is exhausted or the function's limit is reached). See its log group, and the dashboard's Lambda errors and throttles.`,
        metric: new MathExpression({
          expression: 'errors + throttles',
          usingMetrics: {
            errors: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
            throttles: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          label: `${name} errors and throttles`,
          period: FIVE_MINUTES,
        }),
        threshold: 1,
      });
    }

    const api = props.httpApi;
    this.alarm('api-5xx', 'Api5xx', {
      description: 'The API answered 5xx at least 5 times in 5 minutes. See the area functions’ logs.',
      metric: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 5,
    });
    this.alarm('api-latency', 'ApiLatency', {
      description: 'The API’s p99 latency stayed above 3 s for 15 minutes.',
      metric: api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
      threshold: 3000,
      evaluationPeriods: 3,
    });

    for (const [machineName, machine] of Object.entries(props.machines)) {
      const name = pascal(machineName);
      this.alarm('machine-failed', `${name}Failed`, {
        description: `A ${machineName} execution failed. Open it in the Step Functions console.`,
        metric: machine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
      });
      this.alarm('machine-timed-out', `${name}TimedOut`, {
        description: `A ${machineName} execution ran past its time limit.`,
        metric: machine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
      });
    }

    for (const [what, dlq] of Object.entries(props.dlqs)) {
      this.alarm('dlq-depth', `${pascal(what)}DlqDepth`, {
        description: `Messages in the dead-letter queue of the ${what} need a look (and a redrive).`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
      });
    }

    for (const fn of props.streamConsumers) {
      const name = functionName(fn);
      this.alarm('stream-iterator-age', `${name}IteratorAge`, {
        description: `${name} is more than 5 minutes behind the table's stream (the derived data is stale).`,
        metric: fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 5 * 60_000,
      });
    }

    this.alarm('table-throttles', 'TableThrottles', {
      description: 'DynamoDB throttled requests for 10 minutes in a row (a hot partition, or on-demand scaling up).',
      metric: props.table.metricThrottledRequestsForOperations({
        operations: TABLE_OPERATIONS,
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 2,
    });

    this.dashboard = this.buildDashboard(props);
  }

  private alarm(
    kind: AlarmKind,
    id: string,
    options: { description: string; metric: IMetric; threshold: number; evaluationPeriods?: number },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push({ kind, alarm });
  }

  private buildDashboard(props: MonitoringProps): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    const api = props.httpApi;
    const fns = props.functions;
    dashboard.addWidgets(
      new TextWidget({
        markdown: `# Arbor (${Stack.of(this).stackName})\nAlarms go to the SNS topic of this stack; a red tile needs a person.`,
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms.map((a) => a.alarm), width: 24, height: 6 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [api.metricCount({ statistic: 'Sum' })],
        right: [api.metricClientError({ statistic: 'Sum' }), api.metricServerError({ statistic: 'Sum' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [api.metricLatency({ statistic: 'p50' }), api.metricLatency({ statistic: 'p99' })],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors',
        left: fns.map((fn) => fn.metricErrors({ statistic: 'Sum', label: functionName(fn) })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: fns.map((fn) => fn.metricThrottles({ statistic: 'Sum', label: functionName(fn) })),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Queues: messages waiting, and in dead-letter queues',
        left: Object.entries(props.queues).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: name }),
        ),
        right: Object.entries(props.dlqs).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: `DLQ ${name}` }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'State machines: succeeded, failed, timed out',
        left: Object.entries(props.machines).flatMap(([name, machine]) => [
          machine.metricSucceeded({ statistic: 'Sum', label: `${name} succeeded` }),
          machine.metricFailed({ statistic: 'Sum', label: `${name} failed` }),
          machine.metricTimedOut({ statistic: 'Sum', label: `${name} timed out` }),
        ]),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Stream consumers: iterator age (ms)',
        left: props.streamConsumers.map((fn) =>
          fn.metric('IteratorAge', { statistic: 'Maximum', label: functionName(fn) }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Table: consumed capacity and throttled requests',
        left: [
          props.table.metricConsumedReadCapacityUnits({ statistic: 'Sum' }),
          props.table.metricConsumedWriteCapacityUnits({ statistic: 'Sum' }),
        ],
        right: [props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS })],
        width: 12,
      }),
    );
    return dashboard;
  }
}

/** A function's path under the stack, without the stack (`Api/AuthFunction` -> `ApiAuthFunction`). */
const functionName = (fn: NodejsFunction) =>
  fn.node.path
    .split('/')
    .slice(1)
    .map((part) => pascal(part))
    .join('');
