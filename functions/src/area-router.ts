import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AreaContract } from '@arbor/shared/api/endpoint';
import { authenticator } from './auth/principal.js';
import { areaRouter as routerOf } from './lib/router.js';
import type { Area } from './wiring.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Each area's HTTP Lambda (`<area>/api.ts`): lib's router, whose routes find
 * their callers through auth (session cookies, API keys). Composed here,
 * outside lib, so the HTTP plumbing depends on no area.
 */
export const areaRouter = (area: Area, contract: AreaContract, handlers: Record<string, Handler>): Handler =>
  routerOf(area, contract, handlers, authenticator);
