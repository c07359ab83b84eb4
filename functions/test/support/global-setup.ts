import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../../infra/src/local/dynamodb-local.js';
import { freePort, stopAllChildren } from '../../../infra/src/local/processes.js';
import { startSesLocal } from '../../../infra/src/local/ses-local.js';
import { checkJava } from '../../../infra/src/local/java.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesPort: number;
  }
}

/**
 * One DynamoDB Local (in memory) and one SES stand-in for the whole
 * integration run; each test file gets its own table (see setup-env.ts).
 */
export default async function setup(project: TestProject) {
  const problem = checkJava();
  if (problem) throw new Error(problem);
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  await Promise.all([startDynamoDbLocal({ port: dynamoPort }), startSesLocal(sesPort)]);
  project.provide('dynamodbEndpoint', `http://127.0.0.1:${dynamoPort}`);
  project.provide('sesPort', sesPort);
  return async () => {
    await stopAllChildren();
  };
}
