import { servicesApi } from '@arbor/shared/api/services';
import { areaRouter } from '../area-router.js';
import { adminPutPointsRule, adminPutService, listServices } from './handlers/catalog.js';
import { adjustPointsHandler, memberPoints, memberServices, serviceAction } from './handlers/members.js';

export const handler = areaRouter('services', servicesApi, {
  listServices,
  adminPutService,
  adminPutPointsRule,
  memberServices,
  serviceAction,
  memberPoints,
  adjustPoints: adjustPointsHandler,
});
