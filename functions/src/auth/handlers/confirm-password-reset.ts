import { authApi } from '@arbor/shared/api/auth';
import { noContent, route } from '../../lib/http.js';
import { confirmPasswordReset } from '../service.js';

export const handler = route(authApi.confirmPasswordReset, async ({ body }) => {
  await confirmPasswordReset(body.token, body.newPassword);
  return noContent();
});
