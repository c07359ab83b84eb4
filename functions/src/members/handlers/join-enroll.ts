import { membersApi } from '@arbor/shared/api/members';
import { NotFoundError } from '@arbor/shared/errors';
import { toSummary } from '@arbor/shared/members/model';
import { created, route } from '../../lib/http.js';
import { RATE_LIMITS, takeRateLimit } from '../../lib/rate-limit.js';
import { createSession } from '../../auth/sessions.js';
import { sessionCookies } from '../../auth/service.js';
import { recordLogin } from '../../auth/repository/login-history.js';
import { enrollMember } from '../enrollment.js';
import { findMemberBySiteName } from '../repository.js';

/** Public enrollment through a partner's site: the partner is the sponsor, and the new member is signed in. */
export const handler = route(membersApi.joinEnroll, async ({ params, body, ip, userAgent }) => {
  await takeRateLimit(RATE_LIMITS.joinPerIp, ip);
  const sponsor = await findMemberBySiteName(params.siteName);
  if (!sponsor) throw new NotFoundError('There is no partner site with that name.', 'site_not_found');
  const member = await enrollMember(body, sponsor.id, { id: null, role: 'public' });
  const { session, refreshToken } = await createSession(member.id, member.role, { ip, userAgent });
  await recordLogin(member.id, 'success', { ip, userAgent });
  return created({ member: toSummary(member) }, await sessionCookies(session, refreshToken));
});
