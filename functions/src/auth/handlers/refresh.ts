import { authApi } from '@arbor/shared/api/auth';
import { ConflictError, UnauthorizedError } from '@arbor/shared/errors';
import { errorResponse, ok, route } from '../../lib/http.js';
import { REFRESH_COOKIE } from '../tokens.js';
import { rotateSession } from '../sessions.js';
import { sessionCookies, signedOutCookies } from '../service.js';

/** Trades the refresh cookie for a new pair; a replayed refresh token ends its whole family. */
export const handler = route(authApi.refresh, async ({ cookies, ip, userAgent }) => {
  const token = cookies[REFRESH_COOKIE];
  const result = token ? await rotateSession(token, { ip, userAgent }) : ({ kind: 'invalid' } as const);
  switch (result.kind) {
    case 'rotated':
      return ok({ refreshed: true }, await sessionCookies(result.session, result.refreshToken));
    case 'raced':
      // Another tab refreshed a moment ago and its cookies are already in the browser: just retry.
      throw new ConflictError('The session was refreshed by another tab; retry the request.', 'refresh_raced');
    default:
      return errorResponse(
        new UnauthorizedError('Your session has ended. Sign in again.', 'session_ended'),
        signedOutCookies(),
      );
  }
});
