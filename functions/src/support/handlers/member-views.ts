import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { listViews } from '../../auth/repository/views.js';
import { supportTarget } from '../members.js';

/** Staff's views of the member's portal, newest first, with the requests made under each. */
export const handler = route(supportApi.memberViews, async ({ params, query, principal }) => {
  const member = await supportTarget(principal, params.id, 'read');
  return listViews(member.id, query.limit, query.cursor);
});
