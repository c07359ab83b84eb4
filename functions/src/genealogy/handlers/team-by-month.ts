import { genealogyApi } from '@arbor/shared/api/genealogy';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../../company/repository.js';
import { route } from '../../lib/http.js';
import { enrollmentsByMonth } from '../queries.js';
import { teamOwner } from '../scope.js';

/** New partners in the downline for each of the last 12 company months. */
export const handler = route(genealogyApi.teamByMonth, async ({ query, principal }) => {
  const owner = await teamOwner(principal, query.of);
  const settings = await getCompanySettings();
  return { items: await enrollmentsByMonth(owner.id, settings?.timeZone ?? DEFAULT_SETTINGS.timeZone) };
});
