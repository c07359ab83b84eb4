/**
 * `npx tsx scripts/backfill-order-indexes.ts`
 *
 * Gives orders written before staff's company-wide order lists the index keys
 * those lists read (functions/src/orders/backfill.ts). Safe to run again and
 * while the app runs. Locally it uses the running `npm start`'s table; against
 * AWS, run it with TABLE_NAME and AWS credentials set (and no local stack up).
 */
import { backfillOrderIndexes } from '../functions/src/orders/backfill.js';
import { useTargetTable } from './table-target.js';

await useTargetTable();
const done = await backfillOrderIndexes((n) => process.stdout.write(`\r${n} orders updated`));
console.log(`\r${done} orders updated; every order is in the staff lists now.`);
