import { supportApi } from '@arbor/shared/api/support';
import { areaRouter } from '../area-router.js';
import { handler as accountAction } from './handlers/account-action.js';
import { handler as addMemberCall } from './handlers/add-member-call.js';
import { handler as endViewAs } from './handlers/end-view-as.js';
import { handler as memberCalls } from './handlers/member-calls.js';
import { handler as memberLoginHistory } from './handlers/member-login-history.js';
import { handler as memberOverview } from './handlers/member-overview.js';
import { handler as memberTimeline } from './handlers/member-timeline.js';
import { handler as memberViews } from './handlers/member-views.js';
import { handler as recentCalls } from './handlers/recent-calls.js';
import { handler as startViewAs } from './handlers/start-view-as.js';
import { handler as search } from './handlers/search.js';

export const handler = areaRouter('support', supportApi, {
  memberLoginHistory,
  search,
  memberOverview,
  memberTimeline,
  memberCalls,
  addMemberCall,
  recentCalls,
  accountAction,
  startViewAs,
  endViewAs,
  memberViews,
});
