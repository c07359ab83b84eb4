import { Duration, Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { deadLetterQueue } from './dead-letters.js';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueConsumers, scheduledJobs, type QueueName } from '@arbor/functions/wiring';
import { TimeZone } from 'aws-cdk-lib';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { pascal } from './api.js';
import { arborFunction, type Bindings } from './functions.js';

/**
 * Queues with their consumers and dead-letter queues (Monitoring alarms when
 * anything lands in a DLQ), built from the wiring. Schedules and state
 * machines join here as the capabilities that need them arrive.
 */
export class Queues extends Construct {
  readonly queues: Partial<Record<QueueName, Queue>> = {};
  /** Dead-letter queues by what they hold; Monitoring alarms when anything lands in one. */
  readonly dlqs: Record<string, Queue> = {};

  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const consumer of queueConsumers) {
      const name = pascal(consumer.queue);
      const dlq = deadLetterQueue(this, `${name}Dlq`);
      this.queues[consumer.queue] = new Queue(this, `${name}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(consumer.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: consumer.maxReceiveCount },
      });
      this.dlqs[`${consumer.queue} queue`] = dlq;
    }
  }

  /**
   * Scheduled jobs, from the wiring: EventBridge Scheduler in the company's
   * time zone, sending `{ scheduledTime }` like the local scheduler does.
   */
  addSchedules(bindings: Bindings, timeZone: string): void {
    for (const job of scheduledJobs) {
      const fn = arborFunction(this, `${pascal(job.name)}Job`, {
        entry: job.entry,
        access: job.access,
        timeoutSeconds: job.timeoutSeconds,
        bindings,
      });
      const [minute, hour, day, month, weekDay] = job.cron.split(' ');
      new Schedule(this, `${pascal(job.name)}Schedule`, {
        description: `${job.name} (${job.cron}, ${timeZone})`,
        schedule: ScheduleExpression.cron({
          minute,
          hour,
          ...(day !== '*' ? { day } : {}),
          ...(month !== '*' ? { month } : {}),
          ...(weekDay !== '*' ? { weekDay } : {}),
          timeZone: TimeZone.of(timeZone),
        }),
        target: new LambdaInvoke(fn, {
          input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
          retryAttempts: 2,
        }),
      });
    }
    // CDK makes one role per target function for the scheduler, at stack level.
    for (const role of Stack.of(this).node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
      NagSuppressions.addResourceSuppressions(
        role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason: 'The scheduler may invoke the job function and its versions (function:*), nothing else.',
          },
        ],
        true,
      );
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
