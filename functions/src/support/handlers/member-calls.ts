import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { supportTarget } from '../members.js';
import { listMemberCalls } from '../repository/calls.js';

/** The member's call log, newest first, filtered by words, channel or topic. */
export const handler = route(supportApi.memberCalls, async ({ params, query, principal }) => {
  const member = await supportTarget(principal, params.id, 'read');
  return listMemberCalls(
    member.id,
    { words: query.q, channel: query.channel, topic: query.topic },
    query.limit,
    query.cursor,
  );
});
