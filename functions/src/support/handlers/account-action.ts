import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { accountAction } from '../actions.js';
import { supportTarget } from '../members.js';

/** Reset link, unlock, end sessions or resend the welcome: with a reason, logged, once per idempotencyKey. */
export const handler = route(supportApi.accountAction, async ({ params, body, principal }) => {
  const member = await supportTarget(principal, params.id, 'act');
  return accountAction({ principal, member, action: params.action, ...body });
});
