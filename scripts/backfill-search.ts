/**
 * `npx tsx scripts/backfill-search.ts`
 *
 * Fills staff search's index (the FIND# token items) for a table from before
 * it: every partner's and customer's username, emails, name words, phones,
 * company words and saved cards' last 4 (functions/src/support/search-backfill.ts).
 * Safe to run again and while the app runs. Locally it uses the running
 * `npm start`'s table; against AWS, run it with TABLE_NAME and AWS credentials
 * set (and no local stack up).
 */
import { backfillSearchTokens } from '../functions/src/support/search-backfill.js';
import { useTargetTable } from './table-target.js';

await useTargetTable();
const done = await backfillSearchTokens((n) => process.stdout.write(`\r${n} members indexed`));
console.log(`\r${done} members indexed; staff search finds every partner and customer now.`);
