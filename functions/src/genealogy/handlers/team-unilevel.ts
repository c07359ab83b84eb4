import { genealogyApi } from '@arbor/shared/api/genealogy';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { currentVolumes, downlinePage, profilesOf } from '../queries.js';
import { teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** The unilevel (placement) team, by level or join date: one Query on the downline index plus one batch read. */
export const handler = route(genealogyApi.teamUnilevel, async ({ query, principal }) => {
  await loadRankNames();
  const owner = await teamOwner(principal, query.of);
  const page = await downlinePage(
    owner.id,
    {
      ...(query.level ? { level: query.level } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.minRank ? { minRank: query.minRank } : {}),
    },
    query.limit,
    query.cursor,
    { by: query.sort, direction: query.dir },
  );
  const members = await profilesOf(page.items);
  const live = await currentVolumes(members.map((m) => m.id));
  const levels = new Map(page.items.map((e) => [e.memberId, e.level]));
  return {
    owner: { id: owner.id, name: owner.displayName, teamSize: owner.teamSize ?? 0 },
    items: members.map((m) => teamRow(m, levels.get(m.id) ?? null, live.get(m.id))),
    cursor: page.cursor,
  };
});
