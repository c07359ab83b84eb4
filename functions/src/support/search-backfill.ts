import { MEMBER_SHARDS } from '@arbor/shared/keys';
import { membersOfShard } from '../genealogy/repository.js';
import { listPaymentMethods } from '../payments/repository.js';
import { putCardTokenIfCardExists, putSearchTokens, searchTokenItems } from './repository/search.js';

/** Members whose cards are read at once. */
const PARALLEL = 16;

/**
 * One-time (and re-runnable) fill of the staff search index for a table from before it:
 * every partner's and customer's profile tokens and its saved cards' last 4, read from the
 * 16 member shards (no scan; staff are in no shard and get no tokens). Puts of the same
 * tokens change nothing, so it can run again and while the app runs: a profile token it
 * writes from a profile changed meanwhile finds nobody (the search checks each hit on the
 * profile as it is now), and a card token is written only while its card is on file.
 * Returns how many members it indexed.
 */
export async function backfillSearchTokens(onProgress?: (members: number) => void): Promise<number> {
  let members = 0;
  for (let shard = 0; shard < MEMBER_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page = await membersOfShard(shard, cursor ?? undefined);
      await putSearchTokens(page.items.flatMap(searchTokenItems));
      for (let start = 0; start < page.items.length; start += PARALLEL) {
        await Promise.all(
          page.items.slice(start, start + PARALLEL).map(async (member) => {
            for (const card of await listPaymentMethods(member.id)) await putCardTokenIfCardExists(member.id, card);
          }),
        );
      }
      members += page.items.length;
      onProgress?.(members);
      cursor = page.cursor;
    } while (cursor);
  }
  return members;
}
