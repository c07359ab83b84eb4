import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { ProfileUpdateBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { MemberRef } from '../params.js';
import { updateProfile } from '../profile.js';
import { resolveMemberId, visibleMember } from '../scope.js';
import { profileView } from '../views.js';

/** The member edits its own profile; support and admin edit anyone's (logged). Uplines only read. */
export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: MemberRef }), body: ProfileUpdateBody },
  async ({ params, body, principal }) => {
    const member = await visibleMember(principal, resolveMemberId(principal, params.id));
    if (member.id !== principal.memberId && !isStaff(principal.role)) {
      throw new ForbiddenError('Only the member itself or support can change this profile.');
    }
    const saved = await updateProfile(member, body, principal);
    return { member: await profileView(saved, principal) };
  },
);
