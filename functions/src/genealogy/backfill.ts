import { MEMBER_SHARDS } from '@arbor/shared/keys';
import { entryItemsOf, membersOfShard, putOlderEntry } from './repository.js';

/** Conditional puts in flight at once. */
const PARALLEL = 16;

/**
 * One-time (and re-runnable) migration: downline entries written before
 * entries carried the audience attributes (kind, market, language, mail,
 * enroller level) get them, and customers get their customer entries, read
 * from every member (the 16 member shards, not a scan). An entry the stream
 * wrote since is left alone (see `putOlderEntry`), so it is safe while the
 * app runs. Returns how many entries it wrote.
 */
export async function backfillAudienceEntries(onProgress?: (written: number) => void): Promise<number> {
  let written = 0;
  for (let shard = 0; shard < MEMBER_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page = await membersOfShard(shard, cursor ?? undefined);
      const items = page.items.flatMap(entryItemsOf);
      for (let start = 0; start < items.length; start += PARALLEL) {
        const results = await Promise.all(items.slice(start, start + PARALLEL).map(putOlderEntry));
        written += results.filter(Boolean).length;
      }
      onProgress?.(written);
      cursor = page.cursor;
    } while (cursor);
  }
  return written;
}
