import { authApi } from '@arbor/shared/api/auth';
import { noContent, route } from '../../lib/http.js';
import { revokeSession } from '../sessions.js';
import { signedOutCookies } from '../service.js';

/** Public so an expired session can still sign out: the cookies are cleared either way. */
export const handler = route(authApi.signOut, async ({ principal }) => {
  if (principal) await revokeSession(principal.sessionId);
  return noContent(signedOutCookies());
});
