import { monthKey, lastMonths, monthRange } from '@arbor/shared/time';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../company/repository.js';
import { liveVolumes } from '../commissions/repository/live-volumes.js';
import { getMembers } from '../members/repository.js';
import { countJoinedBetween, latestRankChanges, newestInDownline } from './repository.js';

/**
 * The genealogy's reads, for the tree and the team reports: the store's
 * queries (children, downline pages, enrollees, rank counts) and what is made
 * of them (activity, months, profiles and volumes of a page).
 */
export { children, downlinePage, enrollees, newestInDownline, rankCounts } from './repository.js';

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
  const [joined, ranked] = await Promise.all([newestInDownline(uplineId, limit), latestRankChanges(uplineId, limit)]);
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
      return { month, count: await countJoinedBetween(uplineId, start.toISOString(), end.toISOString()) };
    }),
  );
}

/** Members for a page of entries, in the entries' order. */
export const profilesOf = (entries: readonly { memberId: string }[]) => getMembers(entries.map((e) => e.memberId));

/** This company month's live volumes of some members (absent: no volume yet). */
export async function currentVolumes(memberIds: readonly string[]) {
  const timeZone = (await getCompanySettings())?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  return liveVolumes(memberIds, monthKey(new Date(), timeZone));
}
