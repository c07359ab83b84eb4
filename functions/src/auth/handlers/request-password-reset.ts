import { authApi } from '@arbor/shared/api/auth';
import { accepted, route } from '../../lib/http.js';
import { requestPasswordReset } from '../service.js';

export const handler = route(authApi.requestPasswordReset, async ({ body, ip }) => {
  await requestPasswordReset(body.email, ip);
  return accepted({ message: 'If an account uses that email, a reset link is on its way.' });
});
