import { downlineEntries } from '@arbor/shared/genealogy/paths';
import type { Member } from '@arbor/shared/members/model';
import {
  markIndexed,
  placementChildIds,
  setPlacementPath,
  writeDownlineEntries,
  type CounterChange,
} from './repository.js';

/** Attributes copied into downline entries: a change to any of them refreshes the entries. */
const ENTRY_FIELDS = [
  'displayName',
  'firstName',
  'lastName',
  'status',
  'paidRank',
  'rankChangedAt',
  'enrolledAt',
] as const;

export const entryFieldsChanged = (before: Member | null, after: Member) =>
  !before ||
  ENTRY_FIELDS.some((field) => before[field] !== after[field]) ||
  JSON.stringify(before.autoship ?? null) !== JSON.stringify(after.autoship ?? null);

const samePath = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);

export const isIndexCurrent = (member: Member) => samePath(member.indexedPath, member.placementPath);

/**
 * Makes the member's downline entries match its current placement path:
 * writes an entry under every ancestor (with fresh attributes) and deletes
 * the entries of the path the index reflected before. Idempotent: running it
 * twice writes the same items.
 */
export async function syncDownlineEntries(member: Member): Promise<void> {
  const current = downlineEntries(member);
  const wanted = new Set(current.map((e) => `${e.uplineId}:${e.level}`));
  const stale = downlineEntries({ placementPath: member.indexedPath ?? [] }).filter(
    (e) => !wanted.has(`${e.uplineId}:${e.level}`),
  );
  await writeDownlineEntries(member, current, stale);
  // Record what the index now reflects, unless the path moved again meanwhile (its own record will follow).
  await markIndexed(member.id, member.placementPath);
}

/** Gives each placement child the parent's new path; each child's own stream record carries it further down. */
export async function cascadePath(member: Member): Promise<void> {
  const childPath = [...member.placementPath, member.id];
  // A child moved elsewhere since keeps its new parent's path, not ours.
  await Promise.all((await placementChildIds(member.id)).map((id) => setPlacementPath(id, member.id, childPath)));
}

/** What a member's arrival or move changes in its uplines' counters. */
export function counterChanges(before: Member | null, after: Member): CounterChange[] {
  const changes = new Map<string, CounterChange>();
  const change = (id: string) => {
    let entry = changes.get(id);
    if (!entry) changes.set(id, (entry = { memberId: id }));
    return entry;
  };
  if (!before) {
    if (after.sponsorId) change(after.sponsorId).enrolledChildren = 1;
    if (after.kind === 'partner' && after.placementId) {
      change(after.placementId).placementChildren = 1;
      for (const id of after.placementPath) change(id).team = (change(id).team ?? 0) + 1;
    }
  } else if (after.kind === 'partner' && before.placementId !== after.placementId) {
    // A move: the whole subtree leaves the old uplines and joins the new ones.
    const size = 1 + (after.teamSize ?? 0);
    const oldSet = new Set(before.placementPath);
    const newSet = new Set(after.placementPath);
    for (const id of before.placementPath) if (!newSet.has(id)) change(id).team = -size;
    for (const id of after.placementPath) if (!oldSet.has(id)) change(id).team = size;
    if (before.placementId) change(before.placementId).placementChildren = -1;
    if (after.placementId) change(after.placementId).placementChildren = 1;
  }
  return [...changes.values()].filter((c) => c.placementChildren || c.enrolledChildren || c.team);
}
