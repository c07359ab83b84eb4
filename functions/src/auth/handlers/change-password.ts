import { authApi } from '@arbor/shared/api/auth';
import { noContent, route } from '../../lib/http.js';
import { changePassword } from '../service.js';

export const handler = route(authApi.changePassword, async ({ body, principal }) => {
  await changePassword(principal.memberId, principal.family, body.currentPassword, body.newPassword);
  return noContent();
});
