import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localConfig, useRunningStack } from './config.js';
import { httpReachable } from './processes.js';
import { isSeeded, seedWithProgress } from './seeding.js';
import { startLocalStack, StartupError, type LocalStack } from './stack.js';
import { ensureTable } from './table.js';

/**
 * `npm run seed -- --partners 100000 [--seed 7] [--reset]`
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
const endpoint = `http://127.0.0.1:${config.ports.dynamodb}`;
let stack: LocalStack | null = null;
try {
  if (await httpReachable(endpoint)) {
    console.log(`using the running DynamoDB Local at ${endpoint}`);
    await useRunningStack(config);
    if (values.reset) {
      // DynamoDB Local deletes a big file-backed table slowly; stopping `npm start` first is faster.
      console.log('deleting the table (for a large company, stopping npm start first makes --reset instant)…');
      const client = new DynamoDBClient({});
      await client.send(new DeleteTableCommand({ TableName: config.tableName })).catch(() => undefined);
      await ensureTable(client, config.tableName);
    }
  } else {
    // Not running: a reset is simply a fresh database folder.
    if (values.reset && config.dataDir) rmSync(join(config.dataDir, 'dynamodb'), { recursive: true, force: true });
    stack = await startLocalStack({ http: false, jobs: false });
  }
  if (await isSeeded()) {
    console.error('The table already holds a company. Run with --reset to replace it.');
    process.exitCode = 1;
  } else {
    const result = await seedWithProgress(partners, values.seed ? { seed: Number(values.seed) } : {});
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
