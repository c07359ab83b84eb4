import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { supportTarget } from '../members.js';
import { memberOverview } from '../overview.js';

/** The member's account at a glance (the read of sensitive fields goes into the member's log). */
export const handler = route(supportApi.memberOverview, async ({ params, principal }) => ({
  member: await memberOverview(principal, await supportTarget(principal, params.id, 'read')),
}));
