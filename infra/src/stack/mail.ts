import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { deadLetterQueue } from './dead-letters.js';
import { Construct } from 'constructs';
import { topicSubscribers, type TopicName } from '@arbor/functions/wiring';
import { pascal } from './api.js';
import { arborFunction, type Bindings } from './functions.js';

/**
 * SES's side of mail: the configuration set every mail is sent with, whose
 * bounce and complaint events go to the `mail-events` topic, and the topic
 * subscribers from the wiring (functions/src/email/ses-events.ts records
 * suppressed addresses). A subscriber that keeps failing leaves the event in
 * a dead-letter queue, which Monitoring alarms on.
 */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly topics: Record<TopicName, Topic>;
  readonly subscribers: NodejsFunction[] = [];
  readonly dlqs: Record<string, Queue> = {};

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });

    // The events carry recipients' addresses: encrypted with our own key, which SES may use to publish.
    const key = new Key(this, 'EventsKey', {
      description: 'Encrypts SES bounce and complaint events on their way to Arbor.',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );
    const events = new Topic(this, 'Events', {
      displayName: 'Arbor mail events (SES bounces and complaints)',
      masterKey: key,
      enforceSSL: true,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(events),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.topics = { 'mail-events': events };
  }

  /** The subscribers need the functions' bindings, which include this configuration set. */
  addSubscribers(bindings: Bindings): void {
    for (const subscriber of topicSubscribers) {
      const name = pascal(subscriber.topic);
      const fn = arborFunction(this, `${name}Subscriber`, {
        entry: subscriber.entry,
        access: subscriber.access,
        timeoutSeconds: subscriber.timeoutSeconds,
        bindings,
      });
      const dlq = deadLetterQueue(this, `${name}Dlq`, `the ${subscriber.topic} subscriber`);
      // SNS invokes asynchronously: Lambda retries twice, then parks the event here.
      fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(dlq) });
      this.topics[subscriber.topic].addSubscription(new LambdaSubscription(fn));
      this.subscribers.push(fn);
      this.dlqs[`${subscriber.topic} subscriber`] = dlq;
    }
  }
}
