import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../../company/repository.js';
import { route } from '../../lib/http.js';
import { enrollmentsByMonth } from '../queries.js';
import { TEAM_ROLES, TeamQuery, teamOwner } from '../scope.js';

/** New partners in the downline for each of the last 12 company months. */
export const handler = route({ auth: TEAM_ROLES, query: TeamQuery }, async ({ query, principal }) => {
  const owner = await teamOwner(principal, query.of);
  const settings = await getCompanySettings();
  return { items: await enrollmentsByMonth(owner.id, settings?.timeZone ?? DEFAULT_SETTINGS.timeZone) };
});
