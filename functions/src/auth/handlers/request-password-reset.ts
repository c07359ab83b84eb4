import { PasswordResetRequestBody } from '@arbor/shared/auth/schemas';
import { accepted, route } from '../../lib/http.js';
import { requestPasswordReset } from '../service.js';

export const handler = route({ auth: 'public', body: PasswordResetRequestBody }, async ({ body, ip }) => {
  await requestPasswordReset(body.email, ip);
  return accepted({ message: 'If an account uses that email, a reset link is on its way.' });
});
