import { genealogyApi } from '@arbor/shared/api/genealogy';
import { loadRankNames, rankName } from '../../commissions/rank-names.js';
import { route } from '../../lib/http.js';
import { recentActivity } from '../queries.js';
import { teamOwner } from '../scope.js';

/** The latest 100 enrollments and rank changes in the downline, newest first. */
export const handler = route(genealogyApi.teamActivity, async ({ query, principal }) => {
  await loadRankNames();
  const owner = await teamOwner(principal, query.of);
  const items = await recentActivity(owner.id, Math.min(query.limit, 100));
  return { items: items.map((item) => ({ ...item, rankName: rankName(item.paidRank) })) };
});
