import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { functionEnv, localEndpointEnv } from '../../../infra/src/function-env.js';
import { startDynamoDbLocal } from '../../../infra/src/local/dynamodb-local.js';
import { LOCAL_KMS_KEY } from '../../../infra/src/local/kms.js';
import { freePort, type Child } from '../../../infra/src/local/processes.js';
import { ensureTable } from '../../../infra/src/local/table.js';
import { TEST_PERIODS_BUCKET, TEST_UPLOADS_BUCKET } from './global-setup.js';
import { startTestStandIns, startTestStreams, type TestStandIns } from './stand-ins.js';

/**
 * Per test file: its own DynamoDB Local (in memory) with the table, the
 * function environment pointing at it and at the shared SES and S3 stand-ins,
 * in-process SQS / Step Functions / KMS stand-ins, and the stream consumers.
 */
const tableName = 'arbor-test';
let dynamodb: Child | undefined;
let standIns: TestStandIns | undefined;

Object.assign(
  process.env,
  functionEnv({
    tableName,
    appUrl: 'http://localhost:3000',
    mailFrom: 'Arbor <no-reply@arbor.test>',
    uploadsBucket: TEST_UPLOADS_BUCKET,
    periodsBucket: TEST_PERIODS_BUCKET,
    kmsKeyId: LOCAL_KMS_KEY,
  }),
  localEndpointEnv({
    dynamodb: 'http://127.0.0.1:1',
    s3: inject('s3Endpoint'),
    ses: `http://127.0.0.1:${inject('sesPort')}`,
    aws: 'http://127.0.0.1:1',
  }),
  {
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LINK_SECRET: randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  },
);

beforeAll(async () => {
  const port = await freePort();
  dynamodb = await startDynamoDbLocal({ port });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${port}`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS = `http://127.0.0.1:${port}`;
  standIns = await startTestStandIns();
  await ensureTable(new DynamoDBClient({}), tableName);
  await startTestStreams(tableName);
});

afterAll(async () => {
  await standIns?.stop();
  await dynamodb?.stop();
});
