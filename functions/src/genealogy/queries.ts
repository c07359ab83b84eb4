import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { lastMonths, monthKey, monthRange } from '@arbor/shared/time';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../company/repository.js';
import { liveVolumes } from '../commissions/live.js';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { decodeCursor, encodeCursor, type Item, type Page } from '../lib/db.js';
import { normalizeName } from '../members/names.js';
import { getMembers, memberFromItem } from '../members/repository.js';

const query = (input: Omit<QueryCommandInput, 'TableName'>) =>
  db().send(new QueryCommand({ TableName: env.tableName(), ...input }));

/** Direct children in a tree, oldest first (GSI2 for placement, GSI1 for the enroller tree). */
export async function children(
  tree: 'placement' | 'enroller',
  parentId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Member>> {
  const index = tree === 'placement' ? 'GSI2' : 'GSI1';
  const result = await query({
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk`,
    ExpressionAttributeValues: {
      ':pk': tree === 'placement' ? keys.placementChildren(parentId) : keys.sponsorChildren(parentId),
    },
    Limit: limit,
    ExclusiveStartKey: decodeCursor(cursor),
  });
  return { items: (result.Items ?? []).map(memberFromItem), cursor: encodeCursor(result.LastEvaluatedKey) };
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
  const values: Record<string, unknown> = { ':pk': keys.downlinePartition(uplineId) };
  const names: Record<string, string> = {};
  let condition = byTime ? 'GSI3PK = :pk' : 'PK = :pk';
  const filters: string[] = [];
  if (filter.level && byTime) {
    filters.push('#level = :levelNumber');
    names['#level'] = 'level';
    values[':levelNumber'] = filter.level;
  } else if (filter.level) {
    condition += ' AND begins_with(SK, :level)';
    values[':level'] = keys.downlineLevelPrefix(filter.level);
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
  const items: DownlineEntry[] = [];
  let start = decodeCursor(cursor);
  for (let reads = 0; reads < 8 && items.length < limit; reads++) {
    const result = await query({
      ...(byTime ? { IndexName: 'GSI3' } : {}),
      KeyConditionExpression: condition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: order.direction === 'asc',
      Limit: filters.length ? Math.max(limit * 4, 200) : limit - items.length,
      ExclusiveStartKey: start,
    });
    start = result.LastEvaluatedKey;
    for (const item of result.Items ?? []) {
      items.push(toEntry(item));
      if (items.length === limit) {
        // Full mid-page: the next page starts right after this entry.
        start = byTime
          ? { PK: item.PK, SK: item.SK, GSI3PK: item.GSI3PK, GSI3SK: item.GSI3SK }
          : { PK: item.PK, SK: item.SK };
        break;
      }
    }
    if (!start) break;
  }
  return { items, cursor: start ? encodeCursor(start) : null };
}

/** Downline entries by time (GSI3: join time, GSI4: last rank change), newest first. */
async function downlineByTime(index: 'GSI3' | 'GSI4', uplineId: string, limit: number, cursor?: string) {
  const result = await query({
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk`,
    ExpressionAttributeValues: { ':pk': keys.downlinePartition(uplineId) },
    ScanIndexForward: false,
    Limit: limit,
    ExclusiveStartKey: decodeCursor(cursor),
  });
  return { items: (result.Items ?? []).map(toEntry), cursor: encodeCursor(result.LastEvaluatedKey) };
}

export const newestInDownline = (uplineId: string, limit: number, cursor?: string) =>
  downlineByTime('GSI3', uplineId, limit, cursor);

export interface ActivityItem {
  type: 'enrollment' | 'rank_change';
  at: string;
  memberId: string;
  name: string;
  level: number;
  paidRank: number;
}

/** The latest enrollments and rank changes in the downline, merged newest first. */
export async function recentActivity(uplineId: string, limit = 100): Promise<ActivityItem[]> {
  const [joined, ranked] = await Promise.all([
    downlineByTime('GSI3', uplineId, limit),
    downlineByTime('GSI4', uplineId, limit),
  ]);
  const items: ActivityItem[] = [
    ...joined.items.map((e) => ({
      type: 'enrollment' as const,
      at: e.joinedAt,
      memberId: e.memberId,
      name: e.name,
      level: e.level,
      paidRank: e.paidRank,
    })),
    ...ranked.items.map((e) => ({
      type: 'rank_change' as const,
      at: e.rankChangedAt ?? e.joinedAt,
      memberId: e.memberId,
      name: e.name,
      level: e.level,
      paidRank: e.paidRank,
    })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

/** New partners in the downline per company month, for the last `months` months (counts only). */
export async function enrollmentsByMonth(uplineId: string, timeZone: string, months = 12, now = new Date()) {
  return Promise.all(
    lastMonths(now, months, timeZone).map(async (month) => {
      const { start, end } = monthRange(month, timeZone);
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await query({
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.downlinePartition(uplineId),
            ':from': start.toISOString(),
            ':to': end.toISOString(),
          },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        });
        count += result.Count ?? 0;
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      return { month, count };
    }),
  );
}

/** How many of the downline hold each paid rank (reads the whole downline index, paid ranks only). */
export async function rankCounts(uplineId: string): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.downlinePartition(uplineId) },
      ProjectionExpression: 'paidRank',
      ExclusiveStartKey: startKey,
    });
    for (const item of result.Items ?? []) {
      const rank = item.paidRank as number;
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    startKey = result.LastEvaluatedKey;
  } while (startKey);
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
  const items: Member[] = [];
  let start = decodeCursor(cursor);
  for (let reads = 0; reads < 8 && items.length < limit; reads++) {
    const result = await query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      FilterExpression: `kind = :kind${match}`,
      ExpressionAttributeValues: {
        ':pk': keys.sponsorChildren(sponsorId),
        ':kind': kind,
        ...(q === undefined ? {} : { ':q': byId ? q : normalizeName(q) }),
      },
      ScanIndexForward: false,
      Limit: Math.max(limit * 2, 100),
      ExclusiveStartKey: start,
    });
    start = result.LastEvaluatedKey;
    for (const item of result.Items ?? []) {
      items.push(memberFromItem(item));
      if (items.length === limit) {
        // Full mid-page: the next page starts right after this item.
        const { PK, SK, GSI1PK, GSI1SK } = item;
        start = { PK, SK, GSI1PK, GSI1SK };
        break;
      }
    }
    if (!start) break;
  }
  return { items, cursor: encodeCursor(start) };
}

/** Members for a page of entries, in the entries' order. */
export const profilesOf = (entries: readonly { memberId: string }[]) => getMembers(entries.map((e) => e.memberId));

/** This company month's live volumes of some members (absent: no volume yet). */
export async function currentVolumes(memberIds: readonly string[]) {
  const timeZone = (await getCompanySettings())?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  return liveVolumes(memberIds, monthKey(new Date(), timeZone));
}
