import { route } from '../../lib/http.js';
import { currentVolumes, enrollees } from '../queries.js';
import { TEAM_ROLES, TeamQuery, teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** The member's customers, including sign-ups that never finished an order; `q` finds one by name or ID. */
export const handler = route({ auth: TEAM_ROLES, query: TeamQuery }, async ({ query, principal }) => {
  // Enrollees are the enroller tree's: `of` must be in the caller's enroller downline.
  const owner = await teamOwner(principal, query.of, 'enroller');
  const page = await enrollees(owner.id, 'customer', query.limit, query.cursor, query.q);
  const live = await currentVolumes(page.items.map((m) => m.id));
  return {
    items: page.items.map((m) => ({ ...teamRow(m, 1, live.get(m.id)), hasOrdered: m.firstPaidAt !== null })),
    cursor: page.cursor,
  };
});
