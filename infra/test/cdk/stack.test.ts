import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  AREAS,
  httpRoutes,
  queueConsumers,
  routeKey,
  scheduledJobs,
  stateMachines,
  streamConsumers,
  topicSubscribers,
} from '@arbor/functions/wiring';
import { GSIS } from '@arbor/shared/table';
import { buildApp } from '../../src/app.js';

/** cdk.json's context (feature flags included), so the test synthesizes what `cdk synth` does. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** Synthesized once, without bundling the Lambdas (assertions look at the template, not the code). */
let template: Template;
let annotations: Annotations;
/** The us-east-1 stack holding CloudFront's web ACL. */
let edgeTemplate: Template;
let edgeAnnotations: Annotations;
let edgeRegion: string;

beforeAll(() => {
  const { stack, edge } = buildApp(
    new App({
      context: {
        ...CDK_JSON_CONTEXT,
        'aws:cdk:bundling-stacks': [],
        stage: 'test',
        mailFrom: 'Arbor <no-reply@mail.example.com>',
        alarmEmail: 'ops@mail.example.com',
      },
    }),
    // What `cdk synth` sees: the CLI always sets a region and an account.
    { region: 'eu-west-1', account: '123456789012' },
  );
  template = Template.fromStack(stack);
  annotations = Annotations.fromStack(stack);
  edgeTemplate = Template.fromStack(edge!);
  edgeAnnotations = Annotations.fromStack(edge!);
  edgeRegion = edge!.region;
}, 120_000);

/** Every function the wiring declares, each a Lambda of its own. */
const OUR_FUNCTIONS =
  AREAS.length +
  queueConsumers.length +
  streamConsumers.length +
  scheduledJobs.length +
  topicSubscribers.length +
  stateMachines.reduce((sum, m) => sum + Object.keys(m.tasks).length + (m.onEnded ? 1 : 0), 0);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

/** All IAM statements attached to the role of the function whose logical id starts with `prefix`. */
function statementsOf(prefix: string): Statement[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const id = Object.keys(functions).find((key) => key.startsWith(prefix));
  if (!id) throw new Error(`no function ${prefix}`);
  const roleRef = (functions[id]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleRef))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (prefix: string) =>
  statementsOf(prefix).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
/** The statements that put only view-request records (partition `VIEW#…`): read-only areas record views with them. */
const viewRecordStatements = (prefix: string) =>
  statementsOf(prefix).filter((s) => JSON.stringify(s.Condition ?? {}).includes('VIEW#*'));
/** The actions a function may take anywhere in the table (not only under a leading-key condition). */
const unconditionedActionsOf = (prefix: string) =>
  statementsOf(prefix)
    .filter((s) => !s.Condition)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('the stack', () => {
  it('has the table with PITR, a stream, TTL and every GSI the code uses, and keeps it', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
        GlobalSecondaryIndexes: GSIS.map((gsi) =>
          Match.objectLike({
            IndexName: gsi.indexName,
            KeySchema: [
              { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
              { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ),
      }),
    });
  });

  it('routes every wired route, and $default, to its area Lambda', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    expect(routes.sort()).toEqual(httpRoutes.map(routeKey).sort());
    expect(routes).toContain('$default');
    const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
    for (const area of AREAS)
      expect(functions.some((id) => id.startsWith(`Api${area[0]!.toUpperCase()}${area.slice(1)}Function`))).toBe(true);
  });

  it('runs our functions on ARM64 Node 22 with X-Ray', () => {
    const ours = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
      /^(Api|Jobs|Streams|Machines|Mail)/.test(id),
    );
    expect(ours.length).toBe(OUR_FUNCTIONS);
    for (const [, fn] of ours) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs22.x',
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('grants least privilege: read-only areas cannot write, only the mail consumer can send mail', () => {
    const system = actionsOf('ApiSystemFunction');
    expect(system).toContain('dynamodb:GetItem');
    expect(unconditionedActionsOf('ApiSystemFunction')).not.toContain('dynamodb:PutItem');
    // Its one write: the record of a request made under support's view of a member's portal, and nothing else.
    expect(viewRecordStatements('ApiSystemFunction')).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['VIEW#*'] } },
      }),
    ]);
    expect(system.some((a) => a.startsWith('sqs:'))).toBe(false);

    const auth = actionsOf('ApiAuthFunction');
    expect(auth).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage', 'secretsmanager:GetSecretValue']),
    );
    expect(auth).not.toContain('ses:SendEmail');

    const mail = statementsOf('JobsEmailConsumer');
    const ses = mail.find((s) => s.Action === 'ses:SendEmail');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/mail.example.com');
    expect(JSON.stringify(ses?.Resource)).toContain('configuration-set/');
    // It signs unsubscribe links with the link secret, and never reads the session secret.
    const secrets = JSON.stringify(mail.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue')));
    expect(secrets).toContain('LinkSecret');
    expect(secrets).not.toContain('SessionSecret');
  });

  it('names each function’s area as its Powertools service, keeps metrics on, and lets the idempotent ones write their records', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const variables = (prefix: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(prefix))![1].Properties.Environment.Variables as Record<
        string,
        unknown
      >;
    expect(variables('ApiOrdersFunction').POWERTOOLS_SERVICE_NAME).toBe('orders');
    expect(variables('JobsEmailConsumer').POWERTOOLS_SERVICE_NAME).toBe('email');
    expect(variables('JobsAutoshipConsumer').POWERTOOLS_SERVICE_NAME).toBe('autoship');
    expect(variables('StreamsVolumesConsumer').POWERTOOLS_SERVICE_NAME).toBe('commissions');
    for (const [id, fn] of Object.entries(functions).filter(([id]) => /^(Api|Jobs|Streams|Machines|Mail)/.test(id))) {
      expect([id, fn.Properties.Environment.Variables.POWERTOOLS_METRICS_DISABLED]).toEqual([id, undefined]);
    }
    // Powertools idempotency records are items of the one table: get, put, update and delete them.
    for (const id of ['ApiOrdersFunction', 'JobsEmailConsumer', 'JobsAutoshipConsumer']) {
      expect(actionsOf(id)).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      );
    }
  });

  it('gives every queue a DLQ and a consumer that reports partial batch failures', () => {
    for (const consumer of queueConsumers) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: consumer.visibilityTimeoutSeconds,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: consumer.maxReceiveCount }),
      });
    }
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('feeds the genealogy consumer from the table stream, profiles only, retrying in order with a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { SK: { S: [{ prefix: 'PROFILE' }] } } } }) }],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('lets the members area only generate data keys; only commissions (the payout export) decrypts', () => {
    const members = statementsOf('ApiMembersFunction');
    const kms = members.find((s) => JSON.stringify(s.Action).includes('kms:'));
    expect(kms?.Action).toBe('kms:GenerateDataKey');
    for (const prefix of ['ApiAuthFunction', 'ApiGenealogyFunction', 'ApiSystemFunction', 'ApiOrdersFunction']) {
      expect(actionsOf(prefix).some((a) => a.startsWith('kms:'))).toBe(false);
    }
    expect(unconditionedActionsOf('ApiGenealogyFunction')).not.toContain('dynamodb:PutItem');
  });

  it('gives webhooks least privilege: the admin area encrypts secrets, only the delivery consumer decrypts them', () => {
    const area = actionsOf('ApiIntegrationsFunction');
    expect(area).toEqual(expect.arrayContaining(['kms:GenerateDataKey', 'sqs:SendMessage']));
    expect(area).not.toContain('kms:Decrypt');
    const deliver = actionsOf('JobsWebhooksConsumer');
    // It keeps a failed message hidden until its next attempt (the event source's consume grant), and sends nothing.
    expect(deliver).toEqual(expect.arrayContaining(['kms:Decrypt', 'sqs:ChangeMessageVisibility']));
    expect(deliver).not.toContain('sqs:SendMessage');
    const fanout = actionsOf('StreamsWebhooksConsumer');
    expect(fanout).toContain('sqs:SendMessage');
    expect(fanout.some((a) => a.startsWith('kms:'))).toBe(false);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { SK: { S: [{ prefix: 'EVENT' }] } } } }) }],
      },
    });
  });

  it('runs the nightly autoship job on a schedule in the company time zone, with the scheduled time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'America/Chicago',
      Target: Match.objectLike({ Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }) }),
    });
    expect(actionsOf('JobsAutoshipNightlyJob')).toContain('sqs:SendMessage');
    expect(actionsOf('JobsAutoshipNightlyJob')).not.toContain('dynamodb:PutItem');
  });

  it('deploys the period close as the very ASL of functions/src, with its task functions substituted', async () => {
    const { periodCloseDefinition } = await import('@arbor/functions/commissions/close/machine');
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    expect(JSON.parse(machine.Properties.DefinitionString as string)).toEqual(periodCloseDefinition);
    expect(Object.keys(machine.Properties.DefinitionSubstitutions as object).sort()).toEqual(
      Object.keys(stateMachines[0]!.tasks)
        .map((state) => `${state}Function`)
        .sort(),
    );
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(actionsOf('ApiCommissionsFunction')).toEqual(
      expect.arrayContaining(['states:StartExecution', 'kms:Decrypt']),
    );
    expect(actionsOf('ApiMembersFunction')).not.toContain('kms:Decrypt');
  });

  it('passes the viewer address to the API in a header CloudFront sets itself', () => {
    const code = Object.values(template.findResources('AWS::CloudFront::Function'))
      .map((fn) => fn.Properties.FunctionCode as string)
      .find((source) => source.includes('event.viewer.ip'));
    expect(code).toContain("r.headers['x-arbor-viewer-ip']");
  });

  it('releases a close that timed out or was stopped: a rule on the machine’s status changes invokes its handler', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (rule) => (rule.Properties.EventPattern as { source?: string[] }).source?.[0] === 'aws.states',
    );
    expect(rules).toHaveLength(1);
    const pattern = rules[0]!.Properties.EventPattern as { detail: { status: string[]; stateMachineArn: unknown[] } };
    expect(pattern.detail.status).toEqual(expect.arrayContaining(['TIMED_OUT', 'ABORTED']));
    expect(JSON.stringify(pattern.detail.stateMachineArn)).toContain('PeriodClose');
    const target = (rules[0]!.Properties.Targets as { Arn: { 'Fn::GetAtt': string[] } }[])[0]!;
    expect(target.Arn['Fn::GetAtt'][0]).toMatch(/PeriodCloseEnded/);
  });

  it('serves the app from S3 through CloudFront and sends /api/* uncached to the API', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
          }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it('passes cdk-nag AwsSolutions with every suppression explained', () => {
    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 120)}`)).toEqual([]);
    expect(warnings.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 120)}`)).toEqual([]);
    const json = JSON.stringify(template.toJSON());
    for (const match of json.matchAll(/"reason":"([^"]*)"/g)) expect(match[1]!.length).toBeGreaterThan(20);
  });

  it('stays under CloudFormation’s 500 resources per stack, with room for the next areas', () => {
    // CloudFormation refuses a template with more than 500 resources (the deploy, not the synth, fails
    // first without this). Each new area Lambda costs about 5 (function, role, policy, log group,
    // its failures alarm) and one per route: keep 40 free so a new area cannot be the one that breaks the deploy.
    const count = Object.keys(template.toJSON().Resources as Record<string, unknown>).length;
    console.log(`main stack: ${count} resources of 500`);
    expect(count).toBeLessThanOrEqual(460);
  });
});

/**
 * Alarms of the main stack, by the metric they watch: a metric-math alarm by its metrics' names
 * joined (`Errors+Throttles` for a function's failures), `math` for any other.
 */
function alarmsByMetric(): Record<string, { Properties: Record<string, unknown> }[]> {
  const byMetric: Record<string, { Properties: Record<string, unknown> }[]> = {};
  for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
    const names = ((alarm.Properties.Metrics ?? []) as { MetricStat?: { Metric?: { MetricName?: string } } }[])
      .map((m) => m.MetricStat?.Metric?.MetricName)
      .filter(Boolean)
      .join('+');
    const metric =
      (alarm.Properties.MetricName as string | undefined) ?? (names === 'Errors+Throttles' ? names : 'math');
    (byMetric[metric] ??= []).push(alarm as { Properties: Record<string, unknown> });
  }
  return byMetric;
}

describe('monitoring', () => {
  it('sends every alarm, and its recovery, to one topic with the email subscription from context', () => {
    const topics = template.findResources('AWS::SNS::Topic', { Properties: { DisplayName: 'Arbor alarms' } });
    expect(Object.keys(topics)).toHaveLength(1);
    const topicId = Object.keys(topics)[0]!;
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@mail.example.com',
      TopicArn: { Ref: topicId },
    });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      expect(String(alarm.Properties.AlarmDescription).length).toBeGreaterThan(20);
    }
  });

  it('alarms on each kind: Lambda errors and throttles, API 5xx and latency, executions, DLQs, iterator age, table throttles', () => {
    const alarms = alarmsByMetric();
    const count = (metric: string) => alarms[metric]?.length ?? 0;
    // One alarm per function on its errors plus its throttles.
    expect(count('Errors+Throttles')).toBe(OUR_FUNCTIONS);
    expect(count('5xx')).toBe(1);
    expect(count('Latency')).toBe(1);
    expect(count('ExecutionsFailed')).toBe(stateMachines.length);
    expect(count('ExecutionsTimedOut')).toBe(stateMachines.length);
    // A DLQ per queue, per stream consumer and per topic subscriber.
    expect(count('ApproximateNumberOfMessagesVisible')).toBe(
      queueConsumers.length + streamConsumers.length + topicSubscribers.length,
    );
    expect(count('IteratorAge')).toBe(streamConsumers.length);
    expect(count('math')).toBe(1);
    expect(JSON.stringify(alarms.math![0]!.Properties.Metrics)).toContain('ThrottledRequests');
    expect(Object.keys(alarms).sort()).toEqual(
      [
        '5xx',
        'ApproximateNumberOfMessagesVisible',
        'Errors+Throttles',
        'ExecutionsFailed',
        'ExecutionsTimedOut',
        'IteratorAge',
        'Latency',
        'math',
      ].sort(),
    );
  });

  it('has one dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('mail events', () => {
  it('sends mail with a configuration set whose bounces and complaints reach the suppression handler', () => {
    const sets = Object.keys(template.findResources('AWS::SES::ConfigurationSet'));
    expect(sets).toHaveLength(1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: sets[0] },
      EventDestination: Match.objectLike({
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MailMailEventsSubscriber'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const consumer = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('JobsEmailConsumer'),
    )![1];
    expect(consumer.Properties.Environment.Variables.SES_CONFIGURATION_SET).toEqual({ Ref: sets[0] });
  });
});

describe('the edge', () => {
  it('puts a WAF web ACL for CloudFront in us-east-1, with a stricter rate limit on sign-in and enrollment', () => {
    expect(edgeRegion).toBe('us-east-1');
    edgeTemplate.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const acl = Object.values(edgeTemplate.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    const rules = acl.Rules as { Name: string; Statement: { RateBasedStatement?: Record<string, unknown> } }[];
    const strict = rules.find((r) => r.Name === 'AuthAndJoinRateLimit')!.Statement.RateBasedStatement!;
    const general = rules.find((r) => r.Name === 'RateLimit')!.Statement.RateBasedStatement!;
    expect(strict).toMatchObject({ Limit: 100, AggregateKeyType: 'IP' });
    expect(general).toMatchObject({ Limit: 2000, AggregateKeyType: 'IP' });
    const scope = JSON.stringify(strict.ScopeDownStatement);
    expect(scope).toContain('/api/auth/');
    expect(scope).toContain('/api/join/');
    expect(JSON.stringify(edgeAnnotations.findError('*', Match.anyValue()))).toBe('[]');
  });

  it('attaches the web ACL to the distribution', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!;
    // Read across regions from the edge stack's exports.
    expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId)).toContain('WebAclArn');
  });

  it('lets the API answer only requests that came through CloudFront with the secret origin header', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret', {
      Properties: { Description: Match.stringLikeRegexp('Sent by CloudFront') },
    });
    const secretId = Object.keys(secrets)[0]!;
    expect(secretId).toBeDefined();
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!;
    const origins = distribution.Properties.DistributionConfig.Origins as {
      CustomOriginConfig?: unknown;
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[];
    const api = origins.find((o) => o.CustomOriginConfig)!;
    expect(api.OriginCustomHeaders).toEqual([
      {
        HeaderName: 'x-arbor-origin',
        // A dynamic reference: CloudFormation resolves it at deploy time, the value is in no template.
        HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] },
      },
    ]);
    for (const area of AREAS) {
      const prefix = `Api${area[0]!.toUpperCase()}${area.slice(1)}Function`;
      const fn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
        id.startsWith(prefix),
      )![1];
      expect(fn.Properties.Environment.Variables.ORIGIN_SECRET_ARN).toEqual({ Ref: secretId });
      const read = statementsOf(prefix).find(
        (s) =>
          JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(s.Resource).includes(secretId),
      );
      expect(read).toBeDefined();
    }
  });
});
