import { supportApi } from '@arbor/shared/api/support';
import { created, route } from '../../lib/http.js';
import { addCallNote } from '../calls.js';
import { supportTarget } from '../members.js';

/** A note of a call, email or chat with the member (once per idempotencyKey), also in its log. */
export const handler = route(supportApi.addMemberCall, async ({ params, body, principal }) => {
  const member = await supportTarget(principal, params.id, 'act');
  return created({ note: await addCallNote(principal, member, body) });
});
