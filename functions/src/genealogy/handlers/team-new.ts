import { genealogyApi } from '@arbor/shared/api/genealogy';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { currentVolumes, newestInDownline, profilesOf } from '../queries.js';
import { teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** Newest partners in the downline (the dashboard shows the latest 12; the report pages through all). */
export const handler = route(genealogyApi.teamNew, async ({ query, principal }) => {
  await loadRankNames();
  const owner = await teamOwner(principal, query.of);
  const page = await newestInDownline(owner.id, query.limit, query.cursor);
  const members = await profilesOf(page.items);
  const live = await currentVolumes(members.map((m) => m.id));
  const levels = new Map(page.items.map((e) => [e.memberId, e.level]));
  return { items: members.map((m) => teamRow(m, levels.get(m.id) ?? null, live.get(m.id))), cursor: page.cursor };
});
