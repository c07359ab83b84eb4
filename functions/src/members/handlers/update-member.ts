import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { updateProfile } from '../profile.js';
import { changeableMember } from '../scope.js';
import { profileView } from '../views.js';

/**
 * The member edits its own profile; staff edit others' (logged), within the
 * role order: only an admin edits a staff account. Uplines only read.
 */
export const handler = route(membersApi.updateMember, async ({ params, body, principal }) => {
  const member = await changeableMember(principal, params.id);
  const saved = await updateProfile(member, body, principal);
  return { member: await profileView(saved, principal) };
});
