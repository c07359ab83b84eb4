import { ChangePasswordBody } from '@arbor/shared/auth/schemas';
import { noContent, route } from '../../lib/http.js';
import { ALL_ROLES } from '../roles.js';
import { changePassword } from '../service.js';

export const handler = route({ auth: ALL_ROLES, body: ChangePasswordBody }, async ({ body, principal }) => {
  await changePassword(principal.memberId, principal.family, body.currentPassword, body.newPassword);
  return noContent();
});
