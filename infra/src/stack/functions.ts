import { Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { queueUrlEnv, stateMachineArnEnv, type Access, type QueueName } from '@arbor/functions/wiring';
import { functionEnv } from '../function-env.js';

const FUNCTIONS_SRC = join(import.meta.dirname, '..', '..', '..', 'functions', 'src');

/** What every function may be bound to; each gets only what its Access asks for. */
export interface Bindings {
  table: TableV2;
  uploads: IBucket;
  periods: IBucket;
  fieldKey: IKey;
  sessionSecret: ISecret;
  linkSecret: ISecret;
  queues: Partial<Record<QueueName, IQueue>>;
  appUrl: string;
  mailFrom: string;
  /** ARN of the SES identity mail is sent from. */
  sesIdentityArn: string;
  /** Name of the SES configuration set mail is sent with (it routes bounces and complaints back to us). */
  sesConfigurationSet: string;
  machines: Record<string, IStateMachine>;
}

export interface ArborFunctionProps {
  entry: string;
  /** The export to run (default `handler`). */
  handler?: string;
  access: Access;
  timeoutSeconds: number;
  memoryMb?: number;
  bindings: Bindings;
}

/**
 * A Lambda with the project's defaults (Node 22 on ARM64, ESM bundle, X-Ray,
 * a log group kept a month) and least privilege: permissions and environment
 * come from the function's Access in the wiring, in one call.
 */
export function arborFunction(scope: Construct, id: string, props: ArborFunctionProps): NodejsFunction {
  const { bindings, access } = props;
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  const fn = new NodejsFunction(scope, id, {
    entry: join(FUNCTIONS_SRC, props.entry),
    handler: props.handler ?? 'handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memoryMb ?? 1024,
    timeout: Duration.seconds(props.timeoutSeconds),
    tracing: Tracing.ACTIVE,
    logGroup,
    environment: functionEnv({
      tableName: bindings.table.tableName,
      appUrl: bindings.appUrl,
      mailFrom: bindings.mailFrom,
      uploadsBucket: bindings.uploads.bucketName,
      periodsBucket: bindings.periods.bucketName,
      kmsKeyId: bindings.fieldKey.keyArn,
      // The area (`orders/api.ts` → orders): the service of the function's logs and metrics.
      service: props.entry.split('/')[0]!,
    }),
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: true,
      mainFields: ['module', 'main'],
      // Some dependencies are CommonJS and call require(); give the ESM bundle one.
      banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      // The runtime ships the AWS SDK v3, but bundling pins the version we test with.
      externalModules: [],
    },
  });
  fn.addEnvironment('NODE_OPTIONS', '--enable-source-maps');

  if (access.table === 'readWrite') bindings.table.grantReadWriteData(fn);
  else {
    bindings.table.grantReadData(fn);
    // A read-only area still records each request made under support's view of a member's portal
    // (functions/src/auth/view-as.ts): it may put those items (partition VIEW#<id>) and no others.
    if (access.sessionSecret) {
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:PutItem'],
          resources: [bindings.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['VIEW#*'] } },
        }),
      );
    }
  }
  if (access.sessionSecret) {
    bindings.sessionSecret.grantRead(fn);
    fn.addEnvironment('SESSION_SECRET_ARN', bindings.sessionSecret.secretArn);
  }
  if (access.linkSecret) {
    bindings.linkSecret.grantRead(fn);
    fn.addEnvironment('LINK_SECRET_ARN', bindings.linkSecret.secretArn);
  }
  for (const name of access.sendTo ?? []) {
    const queue = bindings.queues[name];
    if (!queue) throw new Error(`${id} sends to queue ${name}, which the stack does not define`);
    queue.grantSendMessages(fn);
    fn.addEnvironment(queueUrlEnv(name), queue.queueUrl);
  }
  if (access.kms) {
    // Writers only generate data keys; only functions that must read values back may decrypt.
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: access.kms === 'decrypt' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'],
        resources: [bindings.fieldKey.keyArn],
      }),
    );
  }
  if (access.periods) {
    bindings.periods.grantRead(fn);
    if (access.periods === 'readWrite') bindings.periods.grantPut(fn);
  }
  if (access.uploads) {
    bindings.uploads.grantPut(fn);
    bindings.uploads.grantRead(fn);
  }
  for (const name of access.startMachines ?? []) {
    const machine = bindings.machines[name];
    if (!machine) throw new Error(`${id} starts state machine ${name}, which the stack does not define`);
    machine.grantStartExecution(fn);
    machine.grantRead(fn);
    fn.addEnvironment(stateMachineArnEnv(name), machine.stateMachineArn);
  }
  if (access.ses) {
    // SES checks the configuration set as a resource of SendEmail too.
    const configurationSetArn = Stack.of(scope).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: bindings.sesConfigurationSet,
    });
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [bindings.sesIdentityArn, configurationSetArn],
      }),
    );
    fn.addEnvironment('SES_CONFIGURATION_SET', bindings.sesConfigurationSet);
  }

  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: 'AwsSolutions-IAM4',
        reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Wildcards come from CDK grants scoped to our own resources: the table indexes (table/index/*), objects in our buckets (bucket/*, s3:GetObject* and the like), executions of our state machine (execution:<machine>:*, to watch a close), and X-Ray segments, which have no resource ARN.',
        appliesTo: [
          { regex: '/^Resource::<.*Table.*\\.Arn>\\/index\\/\\*$/g' },
          { regex: '/^Resource::<.*(Uploads|Periods).*\\.Arn>\\/\\*$/g' },
          { regex: '/^Action::s3:[A-Za-z]+\\*$/g' },
          // Partition, region and account are literals or pseudo parameters (`<AWS::Region>`)
          // depending on the stack's env and flags; the CLI always sets a region.
          { regex: '/^Resource::arn:.+:states:.+:execution:.+$/g' },
          'Resource::*',
        ],
      },
    ],
    true,
  );
  return fn;
}
