import { z } from 'zod';
import { PageQuery } from '@arbor/shared/paging';
import { route } from '../../lib/http.js';
import { MemberRef } from '../../members/params.js';
import { children } from '../queries.js';
import { TEAM_ROLES, teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

export const Tree = z.enum(['placement', 'enroller']);

/** The tree viewer's lazy step: one node's direct children, a page at a time. */
export const handler = route(
  { auth: TEAM_ROLES, params: z.object({ tree: Tree, id: MemberRef }), query: PageQuery },
  async ({ params, query, principal }) => {
    // The parent must be in the caller's downline of that tree, or its children are another organization's.
    const parent = await teamOwner(principal, params.id, params.tree);
    const page = await children(params.tree, parent.id, query.limit, query.cursor);
    return { items: page.items.map((m) => treeNode(m, params.tree)), cursor: page.cursor };
  },
);
