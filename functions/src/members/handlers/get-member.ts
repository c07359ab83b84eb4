import { z } from 'zod';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { resolveMemberId, visibleMember } from '../scope.js';
import { profileView } from '../views.js';
import { MemberRef } from '../params.js';

export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: MemberRef }) },
  async ({ params, principal }) => {
    const member = await visibleMember(principal, resolveMemberId(principal, params.id));
    return { member: await profileView(member, principal) };
  },
);
