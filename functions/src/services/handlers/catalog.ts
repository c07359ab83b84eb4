import { servicesApi } from '@arbor/shared/api/services';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { putService, servicesCatalog, setPointsRule } from '../catalog.js';

export const listServices = route(servicesApi.listServices, async ({ principal }) =>
  servicesCatalog(isStaff(principal.role)),
);

export const adminPutService = route(servicesApi.adminPutService, async ({ params, body }) => ({
  service: await putService(params.code, body),
}));

export const adminPutPointsRule = route(servicesApi.adminPutPointsRule, async ({ body }) => ({
  pointsRule: await setPointsRule(body),
}));
