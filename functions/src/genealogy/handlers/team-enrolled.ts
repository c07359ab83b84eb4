import { route } from '../../lib/http.js';
import { enrollees } from '../queries.js';
import { TEAM_ROLES, TeamQuery, teamOwner } from '../scope.js';
import { teamRow } from '../views.js';

/** Partners the member personally enrolled, newest first. */
export const handler = route({ auth: TEAM_ROLES, query: TeamQuery }, async ({ query, principal }) => {
  const owner = await teamOwner(principal, query.of);
  const page = await enrollees(owner.id, 'partner', query.limit, query.cursor);
  return { items: page.items.map((m) => teamRow(m, 1)), cursor: page.cursor };
});
