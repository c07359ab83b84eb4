import { membersApi } from '@arbor/shared/api/members';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { enrollMember } from '../enrollment.js';

/** A partner enrolls under itself; support and admin enroll under any sponsor they name. */
export const handler = route(membersApi.enroll, async ({ body, principal }) => {
  const staff = isStaff(principal.role);
  if (!staff && body.sponsorId && body.sponsorId !== principal.memberId) {
    throw new ForbiddenError('Partners enroll under themselves; leave sponsorId out.');
  }
  const sponsorId = staff ? (body.sponsorId ?? '') : principal.memberId;
  const member = await enrollMember(body, sponsorId, { id: principal.memberId, role: principal.role });
  return { member: { id: member.id, username: member.username, kind: member.kind } };
});
