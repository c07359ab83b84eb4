import { authApi } from '@arbor/shared/api/auth';
import { areaRouter } from '../area-router.js';
import { handler as signIn } from './handlers/sign-in.js';
import { handler as signOut } from './handlers/sign-out.js';
import { handler as refresh } from './handlers/refresh.js';
import { handler as me } from './handlers/me.js';
import { handler as changePassword } from './handlers/change-password.js';
import { handler as requestPasswordReset } from './handlers/request-password-reset.js';
import { handler as confirmPasswordReset } from './handlers/confirm-password-reset.js';
import { handler as loginHistory } from './handlers/login-history.js';

export const handler = areaRouter('auth', authApi, {
  signIn,
  signOut,
  refresh,
  me,
  changePassword,
  requestPasswordReset,
  confirmPasswordReset,
  loginHistory,
});
