import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: encrypted, TLS only, messages kept 14 days (Monitoring
 * alarms when anything lands in one). `onFailureOf` names the consumer that
 * parks its failures here as an on-failure destination: such a queue is no
 * other queue's DLQ, so cdk-nag's "every queue has a DLQ" rule is answered
 * with why it has none.
 */
export function deadLetterQueue(scope: Construct, id: string, onFailureOf?: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  if (onFailureOf) {
    NagSuppressions.addResourceSuppressions(queue, [
      {
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the on-failure destination (the DLQ) of ${onFailureOf}; it has no DLQ of its own.`,
      },
    ]);
  }
  return queue;
}
