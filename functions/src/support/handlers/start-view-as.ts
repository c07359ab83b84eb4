import { supportApi } from '@arbor/shared/api/support';
import { ForbiddenError } from '@arbor/shared/errors';
import { HttpResponse, route } from '../../lib/http.js';
import { startView } from '../../auth/view-as.js';
import { supportTarget } from '../members.js';

/** Opens the member's portal read-only in this browser (30 minutes, logged); the staff session waits to come back. */
export const handler = route(supportApi.startViewAs, async ({ params, body, principal, ip, userAgent }) => {
  if (principal.apiKey) throw new ForbiddenError('Only a person at the console views a member’s portal.');
  const member = await supportTarget(principal, params.id, 'act');
  if (member.id === principal.memberId) throw new ForbiddenError('That is your own account.');
  const { view, cookies } = await startView(principal, member, body.reason, { ip, userAgent });
  return new HttpResponse(201, { viewId: view.viewId, memberId: view.memberId, expiresAt: view.expiresAt }, cookies);
});
