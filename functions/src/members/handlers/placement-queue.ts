import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { placementQueue } from '../queries.js';

/** The caller's new partners it may still place (inside the placement window). */
export const handler = route(membersApi.placementQueue, async ({ principal }) => ({
  items: await placementQueue(principal.memberId),
}));
