import { authApi } from '@arbor/shared/api/auth';
import { route } from '../../lib/http.js';
import { listLogins } from '../repository/login-history.js';

export const handler = route(authApi.loginHistory, async ({ principal, query }) =>
  listLogins(principal.memberId, query.limit, query.cursor),
);
