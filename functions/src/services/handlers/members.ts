import { servicesApi } from '@arbor/shared/api/services';
import { route } from '../../lib/http.js';
import { actionableHolder, readableHolder } from '../access.js';
import { actOnService, memberServicesView } from '../holdings.js';
import { adjustPoints, pointsStatement } from '../points.js';

export const memberServices = route(servicesApi.memberServices, async ({ principal, params }) => {
  const member = await readableHolder(principal, params.id);
  return { items: await memberServicesView(member.id) };
});

export const serviceAction = route(servicesApi.serviceAction, async ({ principal, params, body }) => {
  const member = await actionableHolder(principal, params.id);
  return { service: await actOnService(principal.memberId, member, params.code, body) };
});

export const memberPoints = route(servicesApi.memberPoints, async ({ principal, params, query }) => {
  const member = await readableHolder(principal, params.id);
  return pointsStatement(member.id, query.limit, query.cursor);
});

export const adjustPointsHandler = route(servicesApi.adjustPoints, async ({ principal, params, body }) => {
  const member = await actionableHolder(principal, params.id);
  return adjustPoints(principal.memberId, member.id, body);
});
