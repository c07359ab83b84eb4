import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { EnrollmentBody } from '@arbor/shared/members/requests';
import { created, route } from '../../lib/http.js';
import { enrollMember } from '../enrollment.js';

/** A partner enrolls under itself; support and admin enroll under any sponsor they name. */
export const handler = route(
  { auth: ['partner', 'support', 'admin'], body: EnrollmentBody },
  async ({ body, principal }) => {
    const staff = isStaff(principal.role);
    if (!staff && body.sponsorId && body.sponsorId !== principal.memberId) {
      throw new ForbiddenError('Partners enroll under themselves; leave sponsorId out.');
    }
    const sponsorId = staff ? (body.sponsorId ?? '') : principal.memberId;
    const member = await enrollMember(body, sponsorId, { id: principal.memberId, role: principal.role });
    return created({ member: { id: member.id, username: member.username, kind: member.kind } });
  },
);
