import { genealogyApi } from '@arbor/shared/api/genealogy';
import { areaRouter } from '../area-router.js';
import { handler as children } from './handlers/children.js';
import { handler as node } from './handlers/node.js';
import { handler as search } from './handlers/search.js';
import { handler as checkDownline } from './handlers/check-downline.js';
import { handler as teamUnilevel } from './handlers/team-unilevel.js';
import { handler as teamEnrolled } from './handlers/team-enrolled.js';
import { handler as teamCustomers } from './handlers/team-customers.js';
import { handler as teamNew } from './handlers/team-new.js';
import { handler as teamActivity } from './handlers/team-activity.js';
import { handler as teamByMonth } from './handlers/team-by-month.js';
import { handler as teamRanks } from './handlers/team-ranks.js';

export const handler = areaRouter('genealogy', genealogyApi, {
  children,
  node,
  search,
  checkDownline,
  teamUnilevel,
  teamEnrolled,
  teamCustomers,
  teamNew,
  teamActivity,
  teamByMonth,
  teamRanks,
});
