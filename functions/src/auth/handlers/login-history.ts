import { PageQuery } from '@arbor/shared/paging';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../roles.js';
import { listLogins } from '../login-history.js';

export const handler = route({ auth: ALL_ROLES, query: PageQuery }, async ({ principal, query }) =>
  listLogins(principal.memberId, query.limit, query.cursor),
);
