import { genealogyApi } from '@arbor/shared/api/genealogy';
import { levelBelow } from '@arbor/shared/genealogy/paths';
import { route } from '../../lib/http.js';
import { visibleMember } from '../../members/scope.js';

/** "Is X in my downline?": one profile read; 404 when it is not (the same as when X does not exist). */
export const handler = route(genealogyApi.checkDownline, async ({ params, principal }) => {
  const member = await visibleMember(principal, params.id);
  return {
    id: member.id,
    inDownline: true as const,
    placementLevel: levelBelow(member, principal.memberId, 'placement'),
    enrollerLevel: levelBelow(member, principal.memberId, 'enroller'),
  };
});
