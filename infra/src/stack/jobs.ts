import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueConsumers, type QueueName } from '@arbor/functions/wiring';
import { pascal } from './api.js';
import { arborFunction, type Bindings } from './functions.js';

/**
 * Queues with their consumers and dead-letter queues (an alarm fires when
 * anything lands in a DLQ), built from the wiring. Schedules and state
 * machines join here as the capabilities that need them arrive.
 */
export class Queues extends Construct {
  readonly queues: Partial<Record<QueueName, Queue>> = {};

  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const consumer of queueConsumers) {
      const name = pascal(consumer.queue);
      const dlq = new Queue(this, `${name}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      this.queues[consumer.queue] = new Queue(this, `${name}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(consumer.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: consumer.maxReceiveCount },
      });
      new Alarm(this, `${name}DlqAlarm`, {
        alarmDescription: `Messages in the ${consumer.queue} dead-letter queue need a look.`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }

  /** Consumers are added once the functions' bindings (which include these queues) exist. */
  addConsumers(bindings: Bindings): void {
    for (const consumer of queueConsumers) {
      const fn = arborFunction(this, `${pascal(consumer.queue)}Consumer`, {
        entry: consumer.entry,
        access: consumer.access,
        timeoutSeconds: consumer.timeoutSeconds,
        bindings,
      });
      fn.addEventSource(
        new SqsEventSource(this.queues[consumer.queue]!, {
          batchSize: consumer.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: Math.max(2, consumer.concurrency),
        }),
      );
    }
  }
}
