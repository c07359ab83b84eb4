import { StartingPosition, FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { deadLetterQueue } from './dead-letters.js';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { streamConsumers } from '@arbor/functions/wiring';
import { pascal } from './api.js';
import { arborFunction, type Bindings } from './functions.js';

/**
 * Consumers of the table's stream, from the wiring: each wakes only for the
 * items its filter names, reports the failed record so Lambda retries from
 * there in order, and sends what still fails after its retries to a DLQ.
 */
export class Streams extends Construct {
  /** Records that still failed after their retries, by consumer; Monitoring alarms on them. */
  readonly dlqs: Record<string, Queue> = {};
  /** The consumer functions, whose iterator age Monitoring watches. */
  readonly consumers: NodejsFunction[] = [];

  constructor(scope: Construct, id: string, bindings: Bindings) {
    super(scope, id);
    for (const consumer of streamConsumers) {
      const name = pascal(consumer.name);
      const fn = arborFunction(this, `${name}Consumer`, {
        entry: consumer.entry,
        access: consumer.access,
        timeoutSeconds: consumer.timeoutSeconds,
        bindings,
      });
      const dlq = deadLetterQueue(this, `${name}Dlq`, 'the stream consumer');
      fn.addEventSource(
        new DynamoEventSource(bindings.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          retryAttempts: consumer.maxRetryAttempts,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(dlq),
          filters: [
            FilterCriteria.filter({ dynamodb: { Keys: { SK: { S: FilterRule.beginsWith(consumer.sortKeyPrefix) } } } }),
          ],
        }),
      );
      this.dlqs[`${consumer.name} stream consumer`] = dlq;
      this.consumers.push(fn);
    }
  }
}
