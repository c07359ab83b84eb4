/**
 * The API's contract: every route's endpoint (who may call it, what it takes,
 * what it returns) by area, under the names of the route table (routes.ts).
 * Handlers implement it (functions/src/lib/http.ts `route`), the web reads its
 * types (web/src/lib/api.ts), and /api/openapi.json is generated from it
 * (openapi.ts).
 */
import type { Area, RouteNames } from './routes.js';
import type { Endpoint } from './endpoint.js';
import { adminApi } from './admin.js';
import { authApi } from './auth.js';
import { casesApi } from './cases.js';
import { commissionsApi } from './commissions.js';
import { commsApi } from './comms.js';
import { autoshipApi } from './autoship.js';
import { genealogyApi } from './genealogy.js';
import { integrationsApi } from './integrations.js';
import { membersApi } from './members.js';
import { newsApi } from './news.js';
import { ordersApi } from './orders.js';
import { servicesApi } from './services.js';
import { supportApi } from './support.js';
import { systemApi } from './system.js';

export const CONTRACT = {
  system: systemApi,
  auth: authApi,
  support: supportApi,
  orders: ordersApi,
  genealogy: genealogyApi,
  autoship: autoshipApi,
  members: membersApi,
  admin: adminApi,
  commissions: commissionsApi,
  integrations: integrationsApi,
  comms: commsApi,
  news: newsApi,
  cases: casesApi,
  services: servicesApi,
} satisfies { [A in Area]: Record<RouteNames<A>, Endpoint> };

export type Contract = typeof CONTRACT;
