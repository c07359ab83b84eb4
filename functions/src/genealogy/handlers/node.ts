import { genealogyApi } from '@arbor/shared/api/genealogy';
import { pathOf } from '@arbor/shared/genealogy/paths';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { getMembers } from '../../members/repository.js';
import { teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

/**
 * One node, to "jump to a member as the top" of the viewer, with the way back
 * up to the caller (a partner never sees above itself; staff see to the root).
 */
export const handler = route(genealogyApi.node, async ({ params, principal }) => {
  await loadRankNames();
  const member = await teamOwner(principal, params.id, params.tree);
  const path = pathOf(member, params.tree);
  const from = isStaff(principal.role) ? 0 : path.indexOf(principal.memberId);
  const ids = member.id === principal.memberId || from < 0 ? [] : path.slice(from);
  const above = await getMembers(ids);
  return {
    node: treeNode(member, params.tree),
    breadcrumb: above.map((m) => ({ id: m.id, name: m.displayName })),
  };
});
