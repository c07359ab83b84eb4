import { membersApi } from '@arbor/shared/api/members';
import { isStaff, type Member } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { appendMemberLog } from '../repository.js';
import { resolveMemberId, visibleMember } from '../scope.js';
import { profileView } from '../views.js';

/** The private fields staff see (masked where secret): reading them is written to the member's log. */
const sensitiveShown = (member: Member) => [
  ...(member.taxId ? ['taxId'] : []),
  ...(member.document ? ['document'] : []),
  ...(member.directDeposit ? ['directDeposit'] : []),
  ...(member.dateOfBirth ? ['dateOfBirth'] : []),
];

export const handler = route(membersApi.getMember, async ({ params, principal }) => {
  const member = await visibleMember(principal, resolveMemberId(principal, params.id));
  // As the support console's overview and sign-in history do: a staff read of private fields leaves a trace.
  const shown = member.id !== principal.memberId && isStaff(principal.role) ? sensitiveShown(member) : [];
  if (shown.length > 0) {
    await appendMemberLog(member.id, {
      actorId: principal.memberId,
      action: 'support.viewed',
      detail: { fields: shown, view: 'profile' },
    });
  }
  return { member: await profileView(member, principal) };
});
