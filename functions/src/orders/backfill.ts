import type { StartKey } from '../lib/db.js';
import { addListKeys, ordersWithoutListKeys } from './repository.js';

/**
 * One-time (and re-runnable) migration: orders written before staff's
 * company-wide lists existed lack those index keys (every order; orders with
 * a refund). Each gets the keys `orderItem` would write now, and nothing else
 * changes, on condition that its version is still the one read (an order
 * changed meanwhile was written with the keys already). Returns how many
 * orders it updated.
 */
export async function backfillOrderIndexes(onProgress?: (done: number) => void): Promise<number> {
  let start: StartKey | undefined;
  let done = 0;
  do {
    const page = await ordersWithoutListKeys(start);
    for (const order of page.orders) if (await addListKeys(order)) done++;
    onProgress?.(done);
    start = page.lastKey;
  } while (start);
  return done;
}
