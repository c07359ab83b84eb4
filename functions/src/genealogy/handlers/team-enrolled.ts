import { genealogyApi } from '@arbor/shared/api/genealogy';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { canSee } from '../../members/scope.js';
import { currentVolumes, enrollees } from '../queries.js';
import { teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** Partners the member personally enrolled, newest first; `q` finds one by name or ID. */
export const handler = route(genealogyApi.teamEnrolled, async ({ query, principal }) => {
  await loadRankNames();
  // `of` anyone the caller sees; each enrollee listed is one the caller may see itself (a spillover
  // partner's enrollees are, its customers are not: they hang off someone else's enroller tree).
  const owner = await teamOwner(principal, query.of, 'either');
  const found = await enrollees(owner.id, 'partner', query.limit, query.cursor, query.q);
  const page = { ...found, items: found.items.filter((m) => canSee(principal, m)) };
  const live = await currentVolumes(page.items.map((m) => m.id));
  return { items: page.items.map((m) => teamRow(m, 1, live.get(m.id))), cursor: page.cursor };
});
