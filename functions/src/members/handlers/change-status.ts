import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { revokeAllSessions } from '../../auth/sessions.js';
import { changeStatus } from '../profile.js';
import { cancelAutoshipsOf } from '../../autoship/service.js';
import { changeableMember } from '../scope.js';
import { profileView } from '../views.js';

/**
 * Support sets a member active, inactive or canceled, with a reason for the log; canceling ends its sessions and
 * cancels its smart orders.
 */
export const handler = route(membersApi.changeStatus, async ({ params, body, principal }) => {
  // Only an admin changes a staff account (support cannot lock the admin out).
  const member = await changeableMember(principal, params.id);
  const saved = await changeStatus(member, body.status, body.reason, principal);
  if (saved.status === 'canceled') {
    await revokeAllSessions(saved.id);
    await cancelAutoshipsOf(saved, principal.memberId, body.reason);
  }
  return { member: await profileView(saved, principal) };
});
