import { genealogyApi } from '@arbor/shared/api/genealogy';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { children } from '../queries.js';
import { teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

/** The tree viewer's lazy step: one node's direct children, a page at a time. */
export const handler = route(genealogyApi.children, async ({ params, query, principal }) => {
  await loadRankNames();
  // The parent must be in the caller's downline of that tree, or its children are another organization's.
  const parent = await teamOwner(principal, params.id, params.tree);
  const page = await children(params.tree, parent.id, query.limit, query.cursor);
  return { items: page.items.map((m) => treeNode(m, params.tree)), cursor: page.cursor };
});
