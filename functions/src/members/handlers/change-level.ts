import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { changeLevel } from '../level.js';
import { changeableMember } from '../scope.js';
import { profileView } from '../views.js';

/** Support moves a member up or down the company's membership levels of its kind (from -> to in its log). */
export const handler = route(membersApi.changeLevel, async ({ params, body, principal }) => {
  // Only an admin acts on a staff account (and staff hold no membership level anyway).
  const member = await changeableMember(principal, params.id);
  const saved = await changeLevel(member, body.level, body.reason, principal);
  return { member: await profileView(saved, principal) };
});
