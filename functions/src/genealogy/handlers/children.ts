import { z } from 'zod';
import { PageQuery } from '@arbor/shared/paging';
import { route } from '../../lib/http.js';
import { MemberRef } from '../../members/params.js';
import { resolveMemberId, visibleMember } from '../../members/scope.js';
import { children } from '../queries.js';
import { TEAM_ROLES } from '../scope.js';
import { treeNode } from '../views.js';

export const Tree = z.enum(['placement', 'enroller']);

/** The tree viewer's lazy step: one node's direct children, a page at a time. */
export const handler = route(
  { auth: TEAM_ROLES, params: z.object({ tree: Tree, id: MemberRef }), query: PageQuery },
  async ({ params, query, principal }) => {
    const parent = await visibleMember(principal, resolveMemberId(principal, params.id));
    const page = await children(params.tree, parent.id, query.limit, query.cursor);
    return { items: page.items.map((m) => treeNode(m, params.tree)), cursor: page.cursor };
  },
);
