import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Member } from '@arbor/shared/members/model';
import { streamConsumer } from '../lib/batch.js';
import { memberFromItem } from '../members/repository.js';
import {
  cascadePath,
  counterChanges,
  entryFieldsChanged,
  isIndexCurrent,
  syncCustomerEntries,
  syncDownlineEntries,
} from './index-sync.js';
import { applyCountersOnce } from './repository.js';
import { syncMemberSearchTokens } from '../support/repository/search.js';

const image = (value: Record<string, unknown> | undefined): Member | null =>
  value ? memberFromItem(unmarshall(value as Record<string, AttributeValue>)) : null;

/**
 * Keeps the genealogy's derived data right, from the table's stream of
 * member profiles: staff search's tokens of the member, the downline index (one entry per placement ancestor),
 * the customers' audience entries (one per enroller ancestor), the children
 * and team counters, and, after a move, the paths of the whole moved subtree
 * (one level per record, as each child's own change arrives).
 *
 * Records of one item arrive in order and are applied in order (a failure
 * stops the batch there, see lib/batch.ts). Every step is idempotent, so a
 * batch that fails is retried from the failed record on without harm.
 */
export const handler = streamConsumer('genealogy', async (record) => {
  const before = image(record.dynamodb?.OldImage);
  const after = image(record.dynamodb?.NewImage);
  if (after) await applyMemberChange(record.eventID ?? record.dynamodb?.SequenceNumber ?? '', before, after);
  else if (before) await syncMemberSearchTokens(before, null);
});

export async function applyMemberChange(eventId: string, before: Member | null, after: Member): Promise<void> {
  // A bulk import arrives with its index, counters and search tokens already built.
  if (!before && after.indexedPath !== undefined && isIndexCurrent(after)) return;

  // Staff search's tokens (support/repository/search.ts): the ones the change removed go, new ones come.
  await syncMemberSearchTokens(before, after);

  const counters = counterChanges(before, after);
  if (counters.length > 0) await applyCountersOnce(eventId, counters);
  await syncCustomerEntries(before, after);
  if (after.kind !== 'partner') return;

  const pathChanged = !isIndexCurrent(after);
  if (pathChanged || entryFieldsChanged(before, after)) await syncDownlineEntries(after);
  if (pathChanged && before && !samePathArrays(before.placementPath, after.placementPath)) await cascadePath(after);
}

const samePathArrays = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
