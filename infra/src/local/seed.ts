import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { isSeeded, seedWithProgress } from './seeding.js';
import { startLocalStack, StartupError, type LocalStack } from './stack.js';
import { ensureTable } from './table.js';
import { httpReachable } from './processes.js';
import { localConfig } from './config.js';

/**
 * `npm run seed -- --partners 100000 [--seed 7] [--reset] [--in-memory]`
 * Seeds the local table with a demo company. Uses the running stack's
 * DynamoDB Local when `npm start` is up, else starts its own on the same data.
 */
const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

const partners = Number(values.partners);
if (!Number.isInteger(partners) || partners < 2) {
  console.error('--partners must be a whole number of at least 2');
  process.exit(2);
}

const config = localConfig();
let stack: LocalStack | null = null;
try {
  if (await httpReachable(`http://127.0.0.1:${config.ports.dynamodb}`)) {
    const { localEndpointEnv, functionEnv } = await import('../function-env.js');
    const endpoint = `http://127.0.0.1:${config.ports.dynamodb}`;
    Object.assign(
      process.env,
      localEndpointEnv({ dynamodb: endpoint, s3: '', ses: '', aws: '' }),
      functionEnv({ tableName: config.tableName, appUrl: config.appUrl, mailFrom: config.mailFrom }),
    );
    console.log(`using the running DynamoDB Local at ${endpoint}`);
  } else {
    stack = await startLocalStack({ http: false, jobs: false });
  }
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({});
  if (values.reset) {
    await client.send(new DeleteTableCommand({ TableName: config.tableName })).catch(() => undefined);
    await ensureTable(client, config.tableName);
  } else if (await isSeeded()) {
    console.error('The table already holds a company. Run with --reset to replace it.');
    process.exitCode = 1;
  }
  if (process.exitCode !== 1) {
    const result = await seedWithProgress(partners, values.seed ? Number(values.seed) : undefined);
    console.log(
      `seeded ${result.partners.toLocaleString('en-US')} partners, ${result.customers.toLocaleString('en-US')} customers (${result.items.toLocaleString('en-US')} items) in ${result.seconds.toFixed(1)} s`,
    );
  }
} catch (error) {
  if (error instanceof StartupError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await stack?.stop();
}
