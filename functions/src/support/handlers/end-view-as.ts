import { supportApi } from '@arbor/shared/api/support';
import { ok, route } from '../../lib/http.js';
import { endViewAs } from '../../auth/view-as.js';

/** Ends the view this browser holds (also after it expired) and returns to the staff session. */
export const handler = route(supportApi.endViewAs, async ({ cookies }) => {
  const ended = await endViewAs(cookies);
  return ok({ memberId: ended.memberId }, ended.cookies);
});
