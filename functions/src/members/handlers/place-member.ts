import { z } from 'zod';
import { MemberId } from '@arbor/shared/members/model';
import { PlacementBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { placeMember } from '../placement.js';
import { changeableMember } from '../scope.js';
import { profileView } from '../views.js';

export const handler = route(
  { auth: ['partner', 'support', 'admin'], params: z.object({ id: MemberId }), body: PlacementBody },
  async ({ params, body, principal }) => {
    // The sponsor (within the window) or staff; the placement rules decide the rest.
    const subject = await changeableMember(principal, params.id, 'team');
    const moved = await placeMember(subject, body.parentId, principal, body.reason);
    return { member: await profileView(moved, principal) };
  },
);
