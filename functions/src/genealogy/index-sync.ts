import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { downlineEntries } from '@arbor/shared/genealogy/paths';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { applyOnce, isConditionFailure } from '../lib/db.js';
import { downlineItem } from './repository.js';

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

async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  const table = env.tableName();
  for (let start = 0; start < requests.length; start += 25) {
    let pending = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await db().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
}

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
  await batchWrite([
    ...current.map((e) => ({ PutRequest: { Item: downlineItem(e.uplineId, e.level, member) } })),
    ...stale.map((e) => ({ DeleteRequest: { Key: keys.downline(e.uplineId, e.level, member.id) } })),
  ]);
  // Record what the index now reflects, unless the path moved again meanwhile (its own record will follow).
  try {
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.member(member.id),
        UpdateExpression: 'SET indexedPath = :path',
        ConditionExpression: 'placementPath = :path',
        ExpressionAttributeValues: { ':path': member.placementPath },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Gives each placement child the parent's new path; each child's own stream record carries it further down. */
export async function cascadePath(member: Member): Promise<void> {
  const childPath = [...member.placementPath, member.id];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.placementChildren(member.id) },
        ProjectionExpression: 'id',
        ExclusiveStartKey: start,
      }),
    );
    await Promise.all(
      (page.Items ?? []).map((child) =>
        db()
          .send(
            new UpdateCommand({
              TableName: env.tableName(),
              Key: keys.member(child.id as string),
              UpdateExpression: 'SET placementPath = :path',
              ConditionExpression: 'placementId = :parent',
              ExpressionAttributeValues: { ':path': childPath, ':parent': member.id },
            }),
          )
          .catch((error: unknown) => {
            // The child was moved elsewhere since: its new parent's path applies, not ours.
            if (!isConditionFailure(error)) throw error;
          }),
      ),
    );
    start = page.LastEvaluatedKey;
  } while (start);
}

export interface CounterChange {
  memberId: string;
  placementChildren?: number;
  enrolledChildren?: number;
  team?: number;
}

/**
 * Applies counter changes exactly once per stream event: each transaction
 * carries a mark for (event, part) that may exist only once, so a retried
 * batch changes nothing twice. Up to 99 members per transaction.
 */
export async function applyCountersOnce(eventId: string, changes: CounterChange[]): Promise<void> {
  const table = env.tableName();
  const updates = changes.map((change) => {
    const adds: string[] = [];
    const values: Record<string, number> = {};
    if (change.placementChildren) {
      adds.push('placementChildCount :p');
      values[':p'] = change.placementChildren;
    }
    if (change.enrolledChildren) {
      adds.push('enrolledChildCount :e');
      values[':e'] = change.enrolledChildren;
    }
    if (change.team) {
      adds.push('teamSize :t');
      values[':t'] = change.team;
    }
    return {
      Update: {
        TableName: table,
        Key: keys.member(change.memberId),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: values,
      },
    };
  });
  await applyOnce(eventId, updates);
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
