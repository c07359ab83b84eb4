import { genealogyApi } from '@arbor/shared/api/genealogy';
import { loadRankNames, rankName } from '../../commissions/rank-names.js';
import { route } from '../../lib/http.js';
import { currentVolumes, downlinePage, profilesOf, rankCounts } from '../queries.js';
import { teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** How many hold each rank in the downline, and the leaders at or above a rank. */
export const handler = route(genealogyApi.teamRanks, async ({ query, principal }) => {
  await loadRankNames();
  const owner = await teamOwner(principal, query.of);
  const minRank = query.minRank ?? 2;
  const [counts, page] = await Promise.all([
    query.cursor ? Promise.resolve(null) : rankCounts(owner.id),
    downlinePage(owner.id, { minRank }, query.limit, query.cursor),
  ]);
  const members = await profilesOf(page.items);
  const live = await currentVolumes(members.map((m) => m.id));
  const levels = new Map(page.items.map((e) => [e.memberId, e.level]));
  return {
    counts: counts
      ? Object.entries(counts)
          .map(([rank, count]) => ({ rank: Number(rank), rankName: rankName(Number(rank)), count }))
          .sort((a, b) => a.rank - b.rank)
      : null,
    items: members.map((m) => teamRow(m, levels.get(m.id) ?? null, live.get(m.id))),
    cursor: page.cursor,
  };
});
