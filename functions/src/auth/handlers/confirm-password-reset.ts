import { PasswordResetConfirmBody } from '@arbor/shared/auth/schemas';
import { noContent, route } from '../../lib/http.js';
import { confirmPasswordReset } from '../service.js';

export const handler = route({ auth: 'public', body: PasswordResetConfirmBody }, async ({ body }) => {
  await confirmPasswordReset(body.token, body.newPassword);
  return noContent();
});
