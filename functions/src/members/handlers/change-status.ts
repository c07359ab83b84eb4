import { z } from 'zod';
import { MemberId } from '@arbor/shared/members/model';
import { StatusChangeBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { STAFF } from '../../auth/roles.js';
import { revokeAllSessions } from '../../auth/sessions.js';
import { changeStatus } from '../profile.js';
import { visibleMember } from '../scope.js';
import { profileView } from '../views.js';

/** Support sets a member active, inactive or canceled, with a reason for the log; canceling ends its sessions. */
export const handler = route(
  { auth: STAFF, params: z.object({ id: MemberId }), body: StatusChangeBody },
  async ({ params, body, principal }) => {
    const member = await visibleMember(principal, params.id);
    const saved = await changeStatus(member, body.status, body.reason, principal);
    if (saved.status === 'canceled') await revokeAllSessions(saved.id);
    return { member: await profileView(saved, principal) };
  },
);
