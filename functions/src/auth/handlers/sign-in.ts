import { authApi } from '@arbor/shared/api/auth';
import { ok, route } from '../../lib/http.js';
import { viewerLocation } from '../../lib/origin-guard.js';
import { signIn } from '../service.js';

export const handler = route(authApi.signIn, async ({ body, ip, userAgent, event }) => {
  const { member, cookies } = await signIn(body.login, body.password, {
    ip,
    userAgent,
    location: viewerLocation(event),
  });
  return ok({ member }, cookies);
});
