import { autoshipApi } from '@arbor/shared/api/autoship';
import { route } from '../../lib/http.js';
import { loadRankNames } from '../../commissions/rank-names.js';
import { currentVolumes, downlinePage, enrollees, profilesOf } from '../../genealogy/queries.js';
import { inTreeOf, teamOwner } from '../../genealogy/scope.js';
import { teamRow } from '../../genealogy/views.js';

/**
 * Smart orders in the team: partners of the placement downline with one
 * (from the downline index), then the member's own customers, each with its
 * next run and whether it will go through.
 */
export const teamAutoships = route(autoshipApi.teamAutoships, async ({ principal, query }) => {
  await loadRankNames();
  const owner = await teamOwner(principal, query.of);
  const customersFirst = query.cursor?.startsWith('c:');
  const page = customersFirst
    ? { items: [], cursor: null }
    : await downlinePage(owner.id, { withAutoship: true }, query.limit, query.cursor);
  const partners = await profilesOf(page.items);
  const live = await currentVolumes(partners.map((m) => m.id));
  const levels = new Map(page.items.map((e) => [e.memberId, e.level]));
  const rows = partners.map((m) => ({
    ...teamRow(m, levels.get(m.id) ?? null, live.get(m.id)),
    autoship: m.autoship ?? null,
  }));
  if (page.cursor) return { items: rows, cursor: page.cursor };
  // Customers hang off the enroller tree: only an owner in the caller's enroller downline brings its customers.
  if (!inTreeOf(principal, owner, 'enroller')) return { items: rows, cursor: null };
  // Partners done: the member's customers follow (cursor prefixed "c:").
  const customers = await enrollees(owner.id, 'customer', 200, customersFirst ? query.cursor!.slice(2) : undefined);
  const withAutoship = customers.items.filter((m) => m.autoship && m.autoship.status !== 'canceled');
  return {
    items: [...rows, ...withAutoship.map((m) => ({ ...teamRow(m, null), autoship: m.autoship ?? null }))],
    cursor: customers.cursor ? `c:${customers.cursor}` : null,
  };
});
