import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './aws.js';
import { env } from './env.js';
import type { Key } from '@arbor/shared/keys';
import { backOff, transact, txPut, type Item } from './db.js';

/** One request of a batch write: put an item, or delete one by key. */
export type BatchRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

/**
 * Puts and deletes, 25 per BatchWriteItem, retrying what DynamoDB leaves
 * unprocessed. Not conditional, not atomic: for writes that are idempotent
 * (an index rebuilt from its source, a bulk load).
 */
export async function batchWrite(requests: readonly BatchRequest[]): Promise<void> {
  const table = env.tableName();
  for (let start = 0; start < requests.length; start += 25) {
    let pending = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await db().send(new BatchWriteCommand({ RequestItems: { [table]: [...pending] } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as BatchRequest[];
      if (pending.length) await backOff(attempt);
    }
  }
}

export interface BulkWriteOptions {
  /** Parallel requests; DynamoDB Local on two cores does best with a few. */
  concurrency?: number;
  /**
   * `batch` (25-item BatchWriteItem) is what DynamoDB itself and an in-memory
   * DynamoDB Local do best. `transact` (100 puts per TransactWriteItems) is
   * several times faster on a file-backed DynamoDB Local, which commits (and
   * syncs to disk) once per request rather than once per item: the local
   * runtime sets BULK_WRITE_MODE=transact when its data is on disk.
   */
  mode?: 'batch' | 'transact';
  onProgress?: (written: number) => void;
}

/**
 * Writes many new items fast, for bulk loads (the demo seed, imports), never
 * for application writes, which use their own conditional transactions.
 */
export async function bulkPut(items: Iterable<Item>, options: BulkWriteOptions = {}): Promise<number> {
  const concurrency = options.concurrency ?? 4;
  const mode = options.mode ?? (process.env.BULK_WRITE_MODE === 'transact' ? 'transact' : 'batch');
  const chunkSize = mode === 'transact' ? 100 : 25;
  const iterator = items[Symbol.iterator]();
  let written = 0;
  const nextChunk = (): Item[] => {
    const chunk: Item[] = [];
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      chunk.push(step.value);
      if (chunk.length === chunkSize) break;
    }
    return chunk;
  };
  const worker = async () => {
    for (let chunk = nextChunk(); chunk.length > 0; chunk = nextChunk()) {
      if (mode === 'transact') {
        await transact(chunk.map((Item) => txPut({ Item })));
      } else await batchWrite(chunk.map((Item) => ({ PutRequest: { Item } })));
      written += chunk.length;
      options.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return written;
}
