import { supportApi } from '@arbor/shared/api/support';
import { areaRouter } from '../area-router.js';
import { handler as memberLoginHistory } from './handlers/member-login-history.js';
import { handler as search } from './handlers/search.js';

export const handler = areaRouter('support', supportApi, { memberLoginHistory, search });
