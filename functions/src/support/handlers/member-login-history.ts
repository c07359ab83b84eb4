import { z } from 'zod';
import { NotFoundError } from '@arbor/shared/errors';
import { MemberId } from '@arbor/shared/members/model';
import { PageQuery } from '@arbor/shared/paging';
import { route } from '../../lib/http.js';
import { listLogins } from '../../auth/login-history.js';
import { STAFF } from '../../auth/roles.js';
import { appendMemberLog } from '../../members/log.js';
import { getMember } from '../../members/repository.js';

/** Support sees a member's sign-ins (to help with lockouts and spot misuse); the look is logged. */
export const handler = route(
  { auth: STAFF, params: z.object({ id: MemberId }), query: PageQuery },
  async ({ params, query, principal }) => {
    if (!(await getMember(params.id))) throw new NotFoundError('No member has that ID.');
    await appendMemberLog(params.id, { actorId: principal.memberId, action: 'support.viewed_login_history' });
    return listLogins(params.id, query.limit, query.cursor);
  },
);
