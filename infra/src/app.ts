import { App, Aspects, Token, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ArborStack } from './stack/arbor-stack.js';
import { EdgeStack } from './stack/edge.js';

/**
 * `npx cdk synth` / `npx cdk deploy --all`. Context (cdk.json or -c): `stage`
 * (several can coexist in one account), `mailFrom`, optional `appUrl`,
 * `timeZone`, `alarmEmail` (who gets the alarms), `webAclArn` (a web ACL of
 * your own instead of the Edge stack's), `rateLimit` and `authRateLimit`
 * (WAF requests per IP in 5 minutes).
 */
export function buildApp(
  app = new App(),
  env: Environment = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
) {
  const context = (key: string) => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const stage = context('stage') ?? 'dev';
  if (!env.region || Token.isUnresolved(env.region)) {
    throw new Error('Synthesize with a region: `npx cdk synth` sets one (AWS_REGION, else us-east-1).');
  }

  // CloudFront's web ACL must live in us-east-1, whatever the region of the back office.
  let webAclArn = context('webAclArn');
  let edge: EdgeStack | undefined;
  if (!webAclArn) {
    edge = new EdgeStack(app, `Arbor-${stage}-Edge`, {
      env: { account: env.account, region: 'us-east-1' },
      crossRegionReferences: true,
      rateLimit: requestsPerFiveMinutes('rateLimit', context('rateLimit') ?? '2000'),
      authRateLimit: requestsPerFiveMinutes('authRateLimit', context('authRateLimit') ?? '100'),
      description: `Arbor back office (${stage}): WAF web ACL for CloudFront`,
    });
    webAclArn = edge.webAclArn;
  }

  const alarmEmail = context('alarmEmail');
  const appUrl = context('appUrl');
  const timeZone = context('timeZone');
  const stack = new ArborStack(app, `Arbor-${stage}`, {
    env,
    crossRegionReferences: edge !== undefined,
    mailFrom: context('mailFrom') ?? 'Arbor <no-reply@example.com>',
    webAclArn,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(appUrl ? { appUrl } : {}),
    ...(timeZone ? { timeZone } : {}),
    description: `Arbor back office (${stage})`,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack, edge };
}

/** A WAF rate limit from context: a whole number of requests per IP in 5 minutes, at least WAF's minimum of 10. */
function requestsPerFiveMinutes(name: string, value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 10) throw new Error(`-c ${name}=${value}: give a whole number, at least 10`);
  return limit;
}
