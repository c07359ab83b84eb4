import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { functionEnv, localEndpointEnv } from '../../../infra/src/function-env.js';
import { ensureTable } from '../../../infra/src/local/table.js';
import { startTestStandIns, startTestStreams, type TestStandIns } from './stand-ins.js';

/**
 * Per test file: the function environment pointing at the shared DynamoDB
 * Local and SES stand-in, a fresh table of this file's own, and in-process
 * SQS / Step Functions stand-ins.
 */
const tableName = `test-${randomBytes(6).toString('hex')}`;
const sesEndpoint = `http://127.0.0.1:${inject('sesPort')}`;
let standIns: TestStandIns;

Object.assign(
  process.env,
  functionEnv({ tableName, appUrl: 'http://localhost:3000', mailFrom: 'Arbor <no-reply@arbor.test>' }),
  localEndpointEnv({
    dynamodb: inject('dynamodbEndpoint'),
    s3: 'http://127.0.0.1:1',
    ses: sesEndpoint,
    aws: 'http://127.0.0.1:1',
  }),
  { SESSION_SECRET: randomBytes(32).toString('hex'), COOKIE_SECURE: 'false', POWERTOOLS_LOG_LEVEL: 'ERROR' },
);

beforeAll(async () => {
  standIns = await startTestStandIns();
  await ensureTable(new DynamoDBClient({}), tableName);
  await startTestStreams(tableName);
});

afterAll(async () => {
  await standIns?.stop();
  await new DynamoDBClient({}).send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
});
