import { z } from 'zod';
import { levelBelow } from '@arbor/shared/genealogy/paths';
import { MemberId } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { visibleMember } from '../../members/scope.js';
import { TEAM_ROLES } from '../scope.js';

/** "Is X in my downline?": one profile read; 404 when it is not (the same as when X does not exist). */
export const handler = route(
  { auth: TEAM_ROLES, params: z.object({ id: MemberId }) },
  async ({ params, principal }) => {
    const member = await visibleMember(principal, params.id);
    return {
      id: member.id,
      inDownline: true,
      placementLevel: levelBelow(member, principal.memberId, 'placement'),
      enrollerLevel: levelBelow(member, principal.memberId, 'enroller'),
    };
  },
);
