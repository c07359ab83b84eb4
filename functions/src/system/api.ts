import { NotFoundError } from '@arbor/shared/errors';
import { areaRouter } from '../lib/router.js';
import { route } from '../lib/http.js';
import { ALL_ROLES } from '../auth/roles.js';
import { getCompanySettings } from '../company/repository.js';
import { loadRankNames, rankList } from '../commissions/rank-names.js';

const health = route({ auth: 'public' }, async () => ({ status: 'ok' }));

/**
 * What every signed-in page may need to know of the company: markets, membership levels,
 * window, zone, the currency commissions are paid in, and the ranks of the plan in force.
 */
const company = route({ auth: ALL_ROLES }, async () => {
  const [settings] = await Promise.all([getCompanySettings(), loadRankNames()]);
  if (!settings) throw new NotFoundError('The company is not set up yet.');
  const { name, timeZone, placementWindowDays, markets, membershipLevels } = settings;
  return {
    name,
    timeZone,
    placementWindowDays,
    markets,
    membershipLevels,
    payoutCurrency: settings.payoutMinimum.currency,
    ranks: rankList(),
  };
});

const notFound = route({ auth: 'public' }, async ({ event }) => {
  throw new NotFoundError(`No route for ${event.requestContext.http.method} ${event.rawPath}.`, 'route_not_found');
});

export const handler = areaRouter('system', { health, company, notFound });
