import type { TestProject } from 'vitest/node';
import { ensureDynamoDbLocal } from '../../../infra/src/local/dynamodb-local.js';
import { freePort, stopAllChildren } from '../../../infra/src/local/processes.js';
import { startS3Local } from '../../../infra/src/local/s3-local.js';
import { startSesLocal } from '../../../infra/src/local/ses-local.js';
import { checkJava } from '../../../infra/src/local/java.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sesPort: number;
    s3Endpoint: string;
  }
}

export const TEST_UPLOADS_BUCKET = 'arbor-test-uploads';
export const TEST_PERIODS_BUCKET = 'arbor-test-periods';

/**
 * Shared by the whole integration run: the SES and S3 stand-ins (tests use
 * unique addresses and keys). DynamoDB Local is per test file (setup-env.ts):
 * its streams misbehave when several tables share one instance.
 */
export default async function setup(project: TestProject) {
  const problem = checkJava();
  if (problem) throw new Error(problem);
  ensureDynamoDbLocal();
  const [sesPort, s3Port] = [await freePort(), await freePort()];
  const [, s3] = await Promise.all([
    startSesLocal(sesPort),
    startS3Local(s3Port, null, [TEST_UPLOADS_BUCKET, TEST_PERIODS_BUCKET]),
  ]);
  project.provide('sesPort', sesPort);
  project.provide('s3Endpoint', `http://127.0.0.1:${s3Port}`);
  return async () => {
    await s3.close();
    await stopAllChildren();
  };
}
