import { casesApi } from '@arbor/shared/api/cases';
import { NotFoundError } from '@arbor/shared/errors';
import { accepted, route } from '../../lib/http.js';
import { hashedSubject, RATE_LIMITS, takeRateLimits } from '../../lib/rate-limit.js';
import { findMemberBySiteName } from '../../members/repository.js';
import { publicOpenCase } from '../service.js';

/**
 * The public contact form of a join site: rate limited per network and per
 * address. A filled honeypot (`website`, hidden from people) is answered like
 * any other request and stores nothing, so a bot learns nothing.
 */
export const contactUs = route(casesApi.contactUs, async ({ params, body, ip }) => {
  await takeRateLimits([
    [RATE_LIMITS.contactPerIp, ip],
    [RATE_LIMITS.contactPerEmail, hashedSubject(body.email)],
  ]);
  const site = await findMemberBySiteName(params.siteName);
  if (!site) throw new NotFoundError('There is no partner site with that name.', 'site_not_found');
  if (!body.website) await publicOpenCase(body, site);
  return accepted({ received: true });
});
