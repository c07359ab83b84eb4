import { transact, type TableWrite } from '../../lib/db.js';

/**
 * The writes of one support action (its change and its log entry) in one transaction; beyond
 * DynamoDB's 100 items (ending hundreds of sessions) the rest follow in further transactions,
 * the log entry always in the first.
 */
export async function transactAll(writes: TableWrite[]): Promise<void> {
  for (let start = 0; start < writes.length; start += 100) await transact(writes.slice(start, start + 100));
}
