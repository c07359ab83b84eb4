import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { supportTarget } from '../members.js';
import { memberTimeline } from '../timeline.js';

/** The member's log, call notes and sign-ins, merged newest first. */
export const handler = route(supportApi.memberTimeline, async ({ params, query, principal }) =>
  memberTimeline(principal, await supportTarget(principal, params.id, 'read'), query),
);
