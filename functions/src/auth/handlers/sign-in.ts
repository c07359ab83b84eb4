import { SignInBody } from '@arbor/shared/auth/schemas';
import { ok, route } from '../../lib/http.js';
import { signIn } from '../service.js';

export const handler = route({ auth: 'public', body: SignInBody }, async ({ body, ip, userAgent }) => {
  const { member, cookies } = await signIn(body.login, body.password, { ip, userAgent });
  return ok({ member }, cookies);
});
