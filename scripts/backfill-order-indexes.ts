/**
 * `npx tsx scripts/backfill-order-indexes.ts`
 *
 * Gives orders written before staff's company-wide order lists the index keys
 * those lists read (functions/src/orders/backfill.ts). Safe to run again and
 * while the app runs. Locally it uses the running `npm start`'s table; against
 * AWS, run it with TABLE_NAME and AWS credentials set (and no local stack up).
 */
import { backfillOrderIndexes } from '../functions/src/orders/backfill.js';
import { localConfig, useRunningStack } from '../infra/src/local/config.js';
import { httpReachable } from '../infra/src/local/processes.js';

const config = localConfig();
if (!process.env.TABLE_NAME) {
  const endpoint = `http://127.0.0.1:${config.ports.dynamodb}`;
  if (!(await httpReachable(endpoint))) {
    console.error(`No TABLE_NAME set and no running stack at ${endpoint}: start it with npm start.`);
    process.exit(2);
  }
  await useRunningStack(config);
}
const done = await backfillOrderIndexes((n) => process.stdout.write(`\r${n} orders updated`));
console.log(`\r${done} orders updated; every order is in the staff lists now.`);
