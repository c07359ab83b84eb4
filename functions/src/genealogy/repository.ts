import { mailabilityOf } from '@arbor/shared/comms/audience';
import { downlineEntries, levelBelow } from '@arbor/shared/genealogy/paths';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { INDEX, indexKeys, type Index } from '@arbor/shared/table';
import { batchWrite } from '../lib/bulk.js';
import {
  applyOnce,
  conditionally,
  decodeCursor,
  encodeCursor,
  putItem,
  query,
  queryAll,
  queryCount,
  queryPage,
  startKeyOf,
  txUpdate,
  updateItem,
  type Item,
  type Page,
  type QuerySpec,
} from '../lib/db.js';
import { nameKeyOf, normalizeName } from '../members/names.js';
import { memberFromItem } from '../members/repository.js';

/**
 * The genealogy's store: the downline index (one entry per placement
 * ancestor, `DOWNLINE#<upline>`, also by join time and by last rank change),
 * the customers' audience entries (one per enroller ancestor, `CUSTOMERS#<enroller>`),
 * the counters and paths the stream keeps on profiles, and the tree reads
 * (children, downline pages, enrollees, the name search).
 */

/**
 * What an audience entry (downline or customer entry) carries of its member,
 * so a broadcast's audience and its exclusions are counted from the entries
 * alone: kind, status, rank, market, language, whether the address can take
 * mail, and the level below the ancestor in the enroller tree (when the
 * ancestor is one of its enrollers).
 */
function audienceAttributes(ancestorId: string, member: Member): Item {
  const enrollerLevel = levelBelow(member, ancestorId, 'enroller');
  return {
    memberId: member.id,
    kind: member.kind,
    joinedAt: member.enrolledAt,
    name: member.displayName,
    status: member.status,
    paidRank: member.paidRank,
    market: member.market,
    language: member.language,
    mail: mailabilityOf(member),
    ...(enrollerLevel === null ? {} : { enrollerLevel }),
  };
}

/** The downline-index entry of `member` under one of its placement ancestors. */
export function downlineItem(uplineId: string, level: number, member: Member): Item {
  const item: Item = {
    ...keys.downline(uplineId, level, member.id),
    entity: 'downline',
    uplineId,
    level,
    ...audienceAttributes(uplineId, member),
    nameKey: nameKeyOf(member),
    ...indexKeys(
      INDEX.downlineByJoin,
      keys.downlinePartition(uplineId),
      keys.downlineByTime(member.enrolledAt, member.id),
    ),
  };
  if (member.autoship && member.autoship.status !== 'canceled') {
    item.autoshipStatus = member.autoship.status;
    item.autoshipWillProcess = member.autoship.willProcess;
  }
  if (member.rankChangedAt) {
    item.rankChangedAt = member.rankChangedAt;
    Object.assign(
      item,
      indexKeys(
        INDEX.downlineByRankChange,
        keys.downlinePartition(uplineId),
        keys.downlineByTime(member.rankChangedAt, member.id),
      ),
    );
  }
  return item;
}

/** The audience entry of a customer under one of its enroller ancestors (customers have no downline entries). */
export function customerEntryItem(enrollerId: string, member: Member): Item {
  return {
    ...keys.customerEntry(enrollerId, member.id),
    entity: 'customerEntry',
    ...audienceAttributes(enrollerId, member),
  };
}

/** Every audience entry a member has: a partner's downline entries, a customer's customer entries. */
export function entryItemsOf(member: Member): Item[] {
  if (member.kind === 'partner') {
    return downlineEntries(member).map(({ uplineId, level }) => downlineItem(uplineId, level, member));
  }
  return member.kind === 'customer' ? member.sponsorPath.map((id) => customerEntryItem(id, member)) : [];
}

// ---- the derived index, kept by the genealogy stream ---------------------------------------------------------------

/** A placement ancestor of a member and how many levels above it the member is. */
export interface UplineLevel {
  uplineId: string;
  level: number;
}

/** Writes a member's downline entries and deletes those of the path it left (idempotent, not atomic). */
export async function writeDownlineEntries(
  member: Member,
  current: readonly UplineLevel[],
  stale: readonly UplineLevel[],
): Promise<void> {
  await batchWrite([
    ...current.map((e) => ({ PutRequest: { Item: downlineItem(e.uplineId, e.level, member) } })),
    ...stale.map((e) => ({ DeleteRequest: { Key: keys.downline(e.uplineId, e.level, member.id) } })),
  ]);
}

/** Writes a customer's entries under its enroller ancestors and deletes those under `stale` ones (idempotent). */
export async function writeCustomerEntries(
  member: Member,
  enrollerIds: readonly string[],
  stale: readonly string[],
): Promise<void> {
  await batchWrite([
    ...enrollerIds.map((id) => ({ PutRequest: { Item: customerEntryItem(id, member) } })),
    ...stale.map((id) => ({ DeleteRequest: { Key: keys.customerEntry(id, member.id) } })),
  ]);
}

// ---- the audience backfill (one-off, re-runnable) ------------------------------------------------------------------

/** A page of one member shard (GSI4): partners and customers, member-id order. */
export async function membersOfShard(shard: number, cursor?: string): Promise<Page<Member>> {
  const page = await queryPage({ index: INDEX.memberShards, pk: keys.memberShard(shard), Limit: 100 }, cursor);
  return { items: page.items.map(memberFromItem), cursor: page.cursor };
}

/**
 * Puts an entry as it is written now where the table still has it as before
 * entries carried the audience attributes: over a downline entry that exists
 * without `mail`, or a customer entry that does not exist. Never over what the
 * stream has written since (it has them), never back where the stream deleted
 * a downline entry. False when nothing was written.
 */
export const putOlderEntry = (item: Item) =>
  conditionally(
    putItem({
      Item: item,
      ConditionExpression:
        item.entity === 'customerEntry'
          ? 'attribute_not_exists(PK)'
          : 'attribute_exists(PK) AND attribute_not_exists(mail)',
    }),
  );

/** Records the path the index now reflects, unless the member's path moved again meanwhile (false then). */
export const markIndexed = (memberId: string, path: readonly string[]) =>
  conditionally(
    updateItem({
      Key: keys.member(memberId),
      UpdateExpression: 'SET indexedPath = :path',
      ConditionExpression: 'placementPath = :path',
      ExpressionAttributeValues: { ':path': path },
    }),
  );

/** The IDs of a parent's placement children (GSI2). */
export async function placementChildIds(parentId: string): Promise<string[]> {
  const items = await queryAll({
    index: INDEX.placementChildren,
    pk: keys.placementChildren(parentId),
    ProjectionExpression: 'id',
  });
  return items.map((item) => item.id as string);
}

/** Gives a child its parent's new path, unless it was moved to another parent meanwhile (false then). */
export const setPlacementPath = (childId: string, parentId: string, path: readonly string[]) =>
  conditionally(
    updateItem({
      Key: keys.member(childId),
      UpdateExpression: 'SET placementPath = :path',
      ConditionExpression: 'placementId = :parent',
      ExpressionAttributeValues: { ':path': path, ':parent': parentId },
    }),
  );

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
export async function applyCountersOnce(eventId: string, changes: readonly CounterChange[]): Promise<void> {
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
    return txUpdate({
      Key: keys.member(change.memberId),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: values,
    });
  });
  await applyOnce(eventId, updates);
}

// ---- reads ---------------------------------------------------------------------------------------------------------

/** A parent's direct children in a tree, oldest first (GSI2 for placement, GSI1 for the enroller tree). */
const childrenOf = (tree: 'placement' | 'enroller', parentId: string): QuerySpec =>
  tree === 'placement'
    ? { index: INDEX.placementChildren, pk: keys.placementChildren(parentId) }
    : { index: INDEX.sponsorChildren, pk: keys.sponsorChildren(parentId) };

/** A page of a parent's direct children in a tree. */
export async function children(
  tree: 'placement' | 'enroller',
  parentId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Member>> {
  const page = await queryPage({ ...childrenOf(tree, parentId), Limit: limit }, cursor);
  return { items: page.items.map(memberFromItem), cursor: page.cursor };
}

/** Every direct child of a parent in a tree (one member's children: a bounded set). */
export async function allChildren(tree: 'placement' | 'enroller', parentId: string): Promise<Member[]> {
  return (await queryAll(childrenOf(tree, parentId))).map(memberFromItem);
}

export interface DownlineEntry {
  memberId: string;
  level: number;
  joinedAt: string;
  name: string;
  status: string;
  paidRank: number;
  rankChangedAt?: string;
}

const toEntry = (item: Item): DownlineEntry => ({
  memberId: item.memberId as string,
  level: item.level as number,
  joinedAt: item.joinedAt as string,
  name: item.name as string,
  status: item.status as string,
  paidRank: item.paidRank as number,
  ...(item.rankChangedAt ? { rankChangedAt: item.rankChangedAt as string } : {}),
});

export interface DownlineFilter {
  level?: number;
  /** Part of a name (accents and case ignored). */
  q?: string;
  minRank?: number;
  /** Only members with a smart order (active or paused). */
  withAutoship?: boolean;
}

/** The orders the downline index keeps: by level (the table's key) or by join time (GSI3). */
export interface DownlineOrder {
  by: 'level' | 'joined';
  direction: 'asc' | 'desc';
}

/**
 * Reads on until a page of `limit` items passes the query's filter (within a
 * budget of 8 reads); a page full mid-read continues right after its last item.
 */
async function filledPage<T>(
  spec: QuerySpec,
  limit: number,
  cursor: string | undefined,
  read: (item: Item) => T,
  readLimit: (wanted: number) => number,
): Promise<Page<T>> {
  const items: T[] = [];
  let start = decodeCursor(cursor);
  for (let reads = 0; reads < 8 && items.length < limit; reads++) {
    const result = await query({ ...spec, Limit: readLimit(limit - items.length) }, start);
    start = result.lastKey;
    for (const item of result.items) {
      items.push(read(item));
      if (items.length === limit) {
        // Full mid-page: the next page starts right after this item.
        start = startKeyOf(item, spec.index);
        break;
      }
    }
    if (!start) break;
  }
  return { items, cursor: encodeCursor(start) };
}

/**
 * A page of the placement downline in (level, member) order, or by join time:
 * one Query on the downline index, either way up. Filters that the key cannot
 * express (name, rank; the level when ordered by time) are applied by DynamoDB
 * and the query keeps reading until the page is full, within a budget of reads
 * (the cursor carries on from where it stopped).
 */
export async function downlinePage(
  uplineId: string,
  filter: DownlineFilter,
  limit: number,
  cursor?: string,
  order: DownlineOrder = { by: 'level', direction: 'asc' },
): Promise<Page<DownlineEntry>> {
  const byTime = order.by === 'joined';
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const filters: string[] = [];
  if (filter.level && byTime) {
    filters.push('#level = :levelNumber');
    names['#level'] = 'level';
    values[':levelNumber'] = filter.level;
  }
  if (filter.q) {
    filters.push('contains(nameKey, :q)');
    values[':q'] = normalizeName(filter.q);
  }
  if (filter.minRank) {
    filters.push('paidRank >= :minRank');
    values[':minRank'] = filter.minRank;
  }
  if (filter.withAutoship) filters.push('attribute_exists(autoshipStatus)');
  const spec: QuerySpec = {
    ...(byTime ? { index: INDEX.downlineByJoin } : {}),
    pk: keys.downlinePartition(uplineId),
    ...(filter.level && !byTime ? { sk: { beginsWith: keys.downlineLevelPrefix(filter.level) } } : {}),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
    ScanIndexForward: order.direction === 'asc',
  };
  return filledPage(spec, limit, cursor, toEntry, (wanted) => (filters.length ? Math.max(limit * 4, 200) : wanted));
}

/** Downline entries by time (GSI3: join time, GSI4: last rank change), newest first. */
async function downlineByTime(index: Index, uplineId: string, limit: number, cursor?: string) {
  const page = await queryPage(
    { index, pk: keys.downlinePartition(uplineId), ScanIndexForward: false, Limit: limit },
    cursor,
  );
  return { items: page.items.map(toEntry), cursor: page.cursor };
}

/** The newest members of the downline, by join time. */
export const newestInDownline = (uplineId: string, limit: number, cursor?: string) =>
  downlineByTime(INDEX.downlineByJoin, uplineId, limit, cursor);

/** The downline's latest rank changes (sparse: members whose rank changed). */
export const latestRankChanges = (uplineId: string, limit: number) =>
  downlineByTime(INDEX.downlineByRankChange, uplineId, limit);

/** How many of the downline joined between two times (both included). */
export const countJoinedBetween = (uplineId: string, from: string, to: string) =>
  queryCount({ index: INDEX.downlineByJoin, pk: keys.downlinePartition(uplineId), sk: { between: [from, to] } });

/** How many of the downline hold each paid rank (reads the whole downline index, paid ranks only). */
export async function rankCounts(uplineId: string): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  const items = await queryAll({ pk: keys.downlinePartition(uplineId), ProjectionExpression: 'paidRank' });
  for (const item of items) {
    const rank = item.paidRank as number;
    counts[rank] = (counts[rank] ?? 0) + 1;
  }
  return counts;
}

/** Direct enrollees of one kind (GSI1), newest first. */
export async function enrollees(
  sponsorId: string,
  kind: 'partner' | 'customer',
  limit: number,
  cursor?: string,
  /** A member ID, or part of a name. */
  q?: string,
): Promise<Page<Member>> {
  const byId = q !== undefined && /^\d+$/.test(q);
  const match = q === undefined ? '' : byId ? ' AND id = :q' : ' AND contains(nameKey, :q)';
  const spec: QuerySpec = {
    index: INDEX.sponsorChildren,
    pk: keys.sponsorChildren(sponsorId),
    FilterExpression: `kind = :kind${match}`,
    ExpressionAttributeValues: { ':kind': kind, ...(q === undefined ? {} : { ':q': byId ? q : normalizeName(q) }) },
    ScanIndexForward: false,
  };
  return filledPage(spec, limit, cursor, memberFromItem, () => Math.max(limit * 2, 100));
}

/** Members whose normalized "last first" name starts with `name` (GSI3), across the company. */
export async function membersByName(name: string, limit: number): Promise<Member[]> {
  const normalized = normalizeName(name);
  const { items } = await query({
    index: INDEX.memberNames,
    pk: keys.nameIndex(normalized),
    sk: { beginsWith: normalized },
    Limit: limit,
  });
  return items.map(memberFromItem);
}
