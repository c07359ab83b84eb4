import { App, Aspects, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ArborStack } from './stack/arbor-stack.js';

/**
 * `npx cdk synth` / `npx cdk deploy`. Context (cdk.json or -c): `stage`
 * (several can coexist in one account), `mailFrom`, optional `appUrl`.
 */
export function buildApp(
  app = new App(),
  env: Environment = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const stack = new ArborStack(app, `Arbor-${stage}`, {
    env,
    mailFrom: String(app.node.tryGetContext('mailFrom') ?? 'Arbor <no-reply@example.com>'),
    ...(app.node.tryGetContext('appUrl') ? { appUrl: String(app.node.tryGetContext('appUrl')) } : {}),
    ...(app.node.tryGetContext('timeZone') ? { timeZone: String(app.node.tryGetContext('timeZone')) } : {}),
    description: `Arbor back office (${stage})`,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack };
}
