import { keys } from '@arbor/shared/keys';
import { getItem } from '../lib/db.js';

/** The system area's one read: health's probe of the table. */

/**
 * Reads one small item (the active-plan pointer, which may be absent: the
 * answer is what counts), giving up after `timeoutMs`: proves the table
 * answers, for half a read unit.
 */
export async function probeTable(timeoutMs: number): Promise<void> {
  await getItem(keys.activePlan(), {}, { abortSignal: AbortSignal.timeout(timeoutMs) });
}
