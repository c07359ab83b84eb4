import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { placeMember } from '../placement.js';
import { changeableMember } from '../scope.js';
import { profileView } from '../views.js';

export const handler = route(membersApi.placeMember, async ({ params, body, principal }) => {
  // The sponsor (within the window) or staff; the placement rules decide the rest.
  const subject = await changeableMember(principal, params.id, 'team');
  const moved = await placeMember(subject, body.parentId, principal, body.reason);
  return { member: await profileView(moved, principal) };
});
