import { membersApi } from '@arbor/shared/api/members';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { listMemberLog } from '../repository.js';
import { resolveMemberId, visibleMember } from '../scope.js';

/** The member's own log (who changed what, and why): the member and staff read it. */
export const handler = route(membersApi.memberLog, async ({ params, query, principal }) => {
  const member = await visibleMember(principal, resolveMemberId(principal, params.id));
  if (member.id !== principal.memberId && !isStaff(principal.role)) throw new ForbiddenError();
  return listMemberLog(member.id, query.limit, query.cursor);
});
