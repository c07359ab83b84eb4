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

beforeAll(() => {
  const { stack } = buildApp(
    new App({
      context: {
        ...CDK_JSON_CONTEXT,
        'aws:cdk:bundling-stacks': [],
        stage: 'test',
        mailFrom: 'Arbor <no-reply@mail.example.com>',
      },
    }),
    // What `cdk synth` sees: the CLI always sets a region and an account.
    { region: 'eu-west-1', account: '123456789012' },
  );
  template = Template.fromStack(stack);
  annotations = Annotations.fromStack(stack);
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

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
      /^(Api|Jobs|Streams|Machines)/.test(id),
    );
    const tasks = stateMachines.reduce((sum, m) => sum + Object.keys(m.tasks).length, 0);
    expect(ours.length).toBe(
      AREAS.length + queueConsumers.length + streamConsumers.length + scheduledJobs.length + tasks,
    );
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
    expect(system).not.toContain('dynamodb:PutItem');
    expect(system.some((a) => a.startsWith('sqs:'))).toBe(false);

    const auth = actionsOf('ApiAuthFunction');
    expect(auth).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage', 'secretsmanager:GetSecretValue']),
    );
    expect(auth).not.toContain('ses:SendEmail');

    const mail = statementsOf('JobsEmailConsumer');
    const ses = mail.find((s) => s.Action === 'ses:SendEmail');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/mail.example.com');
    expect(mail.flatMap((s) => s.Action)).not.toContain('secretsmanager:GetSecretValue');
  });

  it('gives every queue a DLQ, an alarm, and a consumer that reports partial batch failures', () => {
    for (const consumer of queueConsumers) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: consumer.visibilityTimeoutSeconds,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: consumer.maxReceiveCount }),
      });
    }
    template.resourceCountIs('AWS::CloudWatch::Alarm', queueConsumers.length + streamConsumers.length);
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
    expect(actionsOf('ApiGenealogyFunction')).not.toContain('dynamodb:PutItem');
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
});
