/**
 * `npx tsx scripts/backfill-audience-entries.ts`
 *
 * Gives downline entries written before entries carried the audience
 * attributes (kind, market, language, mail, enroller level) those attributes,
 * and every customer its customer entries (functions/src/genealogy/backfill.ts).
 * Safe to run again and while the app runs. Locally it uses the running
 * `npm start`'s table; against AWS, run it with TABLE_NAME and AWS credentials
 * set (and no local stack up).
 */
import { backfillAudienceEntries } from '../functions/src/genealogy/backfill.js';
import { useTargetTable } from './table-target.js';

await useTargetTable();
const done = await backfillAudienceEntries((n) => process.stdout.write(`\r${n} entries written`));
console.log(`\r${done} entries written; every downline and customer entry carries its audience now.`);
