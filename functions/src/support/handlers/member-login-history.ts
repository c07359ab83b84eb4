import { supportApi } from '@arbor/shared/api/support';
import { NotFoundError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { listLogins } from '../../auth/repository/login-history.js';
import { appendMemberLog, getMember } from '../../members/repository.js';

/** Support sees a member's sign-ins (to help with lockouts and spot misuse); the look is logged. */
export const handler = route(supportApi.memberLoginHistory, async ({ params, query, principal }) => {
  if (!(await getMember(params.id))) throw new NotFoundError('No member has that ID.');
  await appendMemberLog(params.id, {
    actorId: principal.memberId,
    action: 'support.viewed',
    detail: { fields: ['signInHistory'], view: 'sign-ins' },
  });
  return listLogins(params.id, query.limit, query.cursor);
});
