import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AreaContract } from '@arbor/shared/api/endpoint';
import { NotFoundError } from '@arbor/shared/errors';
import { httpRoutes, routeKey, type Area } from '../wiring.js';
import { authenticateWith, renderError, specOf, type Authenticator } from './http.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * An area's Lambda: API Gateway (or the local server) matched the route and
 * put its key on the event; the router hands the event to that route's handler.
 * The handler map must match the wiring exactly, and each handler must be
 * built from its endpoint in the area's contract (shared/src/api/<area>.ts),
 * checked at cold start (and by functions/test/unit/wiring.test.ts). Its
 * routes find their callers with `authenticator` (functions/src/area-router.ts
 * gives auth's).
 */
export function areaRouter(
  area: Area,
  contract: AreaContract,
  handlers: Record<string, Handler>,
  authenticator: Authenticator,
): Handler {
  const routes = httpRoutes.filter((route) => route.area === area);
  const table = new Map<string, Handler>();
  for (const route of routes) {
    const handler = handlers[route.name];
    if (!handler) throw new Error(`area ${area}: no handler named ${route.name} for ${routeKey(route)}`);
    if (!contract[route.name] || specOf(handler) !== contract[route.name]) {
      throw new Error(`area ${area}: ${route.name} is not built from its endpoint in shared/src/api/${area}.ts`);
    }
    authenticateWith(handler, authenticator);
    table.set(routeKey(route), handler);
  }
  const extra = Object.keys(handlers).filter((name) => !routes.some((route) => route.name === name));
  if (extra.length > 0) throw new Error(`area ${area}: handlers not in the wiring: ${extra.join(', ')}`);
  return async (event, context) => {
    const handler = table.get(event.routeKey);
    if (!handler)
      return renderError(new NotFoundError(`No route for ${event.requestContext.http.method} ${event.rawPath}.`));
    return handler(event, context);
  };
}
