import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { PageQuery } from '@arbor/shared/paging';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { listMemberLog } from '../repository.js';
import { MemberRef } from '../params.js';
import { resolveMemberId, visibleMember } from '../scope.js';

/** The member's own log (who changed what, and why): the member and staff read it. */
export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: MemberRef }), query: PageQuery },
  async ({ params, query, principal }) => {
    const member = await visibleMember(principal, resolveMemberId(principal, params.id));
    if (member.id !== principal.memberId && !isStaff(principal.role)) throw new ForbiddenError();
    return listMemberLog(member.id, query.limit, query.cursor);
  },
);
