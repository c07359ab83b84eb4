import { authApi } from '@arbor/shared/api/auth';
import { ok, route } from '../../lib/http.js';
import { signIn } from '../service.js';

export const handler = route(authApi.signIn, async ({ body, ip, userAgent }) => {
  const { member, cookies } = await signIn(body.login, body.password, { ip, userAgent });
  return ok({ member }, cookies);
});
