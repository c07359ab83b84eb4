import { mailabilityOf } from '@arbor/shared/comms/audience';
import { downlineEntries, pathChange } from '@arbor/shared/genealogy/paths';
import type { Member } from '@arbor/shared/members/model';
import {
  markIndexed,
  placementChildIds,
  setPlacementPath,
  writeCustomerEntries,
  writeDownlineEntries,
  type CounterChange,
} from './repository.js';

/** Attributes copied into customer entries (and downline entries): a change to any of them refreshes the entries. */
const AUDIENCE_FIELDS = ['displayName', 'status', 'paidRank', 'enrolledAt', 'market', 'language'] as const;

/** Further attributes only downline entries copy (name search, rank changes, smart order). */
const DOWNLINE_FIELDS = ['firstName', 'lastName', 'rankChangedAt'] as const;

const samePath = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Whether what an audience entry holds of the member changed: its copied fields, the
 * enroller levels (the sponsor path) or its mailability (email, opt-out, suppression).
 */
const audienceFieldsChanged = (before: Member, after: Member) =>
  AUDIENCE_FIELDS.some((field) => before[field] !== after[field]) ||
  !samePath(before.sponsorPath, after.sponsorPath) ||
  mailabilityOf(before) !== mailabilityOf(after);

export const entryFieldsChanged = (before: Member | null, after: Member) =>
  !before ||
  audienceFieldsChanged(before, after) ||
  DOWNLINE_FIELDS.some((field) => before[field] !== after[field]) ||
  JSON.stringify(before.autoship ?? null) !== JSON.stringify(after.autoship ?? null);

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

/**
 * Keeps a customer's audience entries, one under each enroller ancestor
 * (`CUSTOMERS#<enroller>`): written when the customer is new, when what they
 * copy changed, or when it left an ancestor (whose entry goes). A member that
 * stops being a customer (upgraded to partner) loses them all. Idempotent.
 */
export async function syncCustomerEntries(before: Member | null, after: Member): Promise<void> {
  const wasCustomer = before?.kind === 'customer';
  if (after.kind !== 'customer') {
    if (wasCustomer) await writeCustomerEntries(after, [], before.sponsorPath);
    return;
  }
  if (!wasCustomer) return writeCustomerEntries(after, after.sponsorPath, []);
  const { removed } = pathChange(before.sponsorPath, after.sponsorPath);
  if (removed.length > 0 || audienceFieldsChanged(before, after)) {
    await writeCustomerEntries(after, after.sponsorPath, removed);
  }
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
