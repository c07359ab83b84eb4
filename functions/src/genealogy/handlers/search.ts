import { genealogyApi } from '@arbor/shared/api/genealogy';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { canSee } from '../../members/scope.js';
import { getMember, getMembers } from '../../members/repository.js';
import { searchMembers } from '../../support/search.js';
import { downlinePage, profilesOf } from '../queries.js';
import { teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

/**
 * Finds a member by ID or by name: in the caller's placement downline for a
 * partner (or `of` someone in it); across the company for staff, with the
 * support console's search (username, email, names in either order, phone,
 * company, card last 4: functions/src/support/search.ts), best match first.
 */
export const handler = route(genealogyApi.search, async ({ query, principal }) => {
  await loadRankNames();
  if (/^\d+$/.test(query.q)) {
    const member = await getMember(query.q);
    return { items: member && canSee(principal, member) ? [treeNode(member, 'placement')] : [] };
  }
  if (isStaff(principal.role) && !query.of) {
    const found = await searchMembers(query.q, query.limit);
    const members = await getMembers(found.items.map((item) => item.id));
    return { items: members.map((m) => treeNode(m, 'placement')) };
  }
  const owner = await teamOwner(principal, query.of);
  const page = await downlinePage(owner.id, { q: query.q }, query.limit);
  const members = await profilesOf(page.items);
  return { items: members.map((m) => treeNode(m, 'placement')) };
});
