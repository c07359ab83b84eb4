import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { resolveMemberId, visibleMember } from '../scope.js';
import { profileView } from '../views.js';

export const handler = route(membersApi.getMember, async ({ params, principal }) => {
  const member = await visibleMember(principal, resolveMemberId(principal, params.id));
  return { member: await profileView(member, principal) };
});
