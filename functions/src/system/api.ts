import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CONTRACT } from '@arbor/shared/api/contract';
import { openApiDocument, type OpenApiDocument } from '@arbor/shared/api/openapi';
import { systemApi } from '@arbor/shared/api/system';
import { NotFoundError } from '@arbor/shared/errors';
import { isUnavailable } from '../lib/db.js';
import { logger } from '../lib/logger.js';
import { areaRouter } from '../area-router.js';
import { renderError, route, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../lib/http.js';
import { checkCloudFrontOrigin } from '../lib/origin-guard.js';
import { getCompanySettings } from '../company/repository.js';
import { loadRankNames, rankList } from '../commissions/rank-names.js';
import { probeTable } from './repository.js';

/** The API's version in its OpenAPI document. */
const API_VERSION = '1.0.0';

/** How long health waits for the database before calling it down. */
const HEALTH_TIMEOUT_MS = 2000;

type DependencyState = 'ok' | 'unreachable' | 'failing';

/** Whether the table answers a read within the time allowed. */
async function checkDynamoDb(): Promise<DependencyState> {
  try {
    await probeTable(HEALTH_TIMEOUT_MS);
    return 'ok';
  } catch (error) {
    logger.warn('health: DynamoDB check failed', error as Error);
    const e = error as { name?: string };
    return isUnavailable(error) || e.name === 'AbortError' ? 'unreachable' : 'failing';
  }
}

/**
 * Health names each dependency and its state: 200 when all answer, else 503
 * with Retry-After (a load balancer or the CLI can wait on it). It does not go
 * through the route chain, which itself reads the database first.
 */
const health = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  // Like every route: in AWS only through CloudFront (a direct caller gets no read of the table).
  try {
    await checkCloudFrontOrigin(event);
  } catch (error) {
    return renderError(error);
  }
  const dependencies = { dynamodb: await checkDynamoDb() };
  const down = Object.entries(dependencies).filter(([, state]) => state !== 'ok');
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (down.length === 0) return { statusCode: 200, headers, body: JSON.stringify({ status: 'ok', dependencies }) };
  return {
    statusCode: 503,
    headers: { ...headers, 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    body: JSON.stringify({
      status: 'unavailable',
      dependencies,
      error: {
        code: 'service_unavailable',
        message: `Unavailable: ${down.map(([name, state]) => `${name} is ${state}`).join(', ')}.`,
        details: down.map(([name, state]) => ({
          field: `dependencies.${name}`,
          rule: state,
          message: `${name} is ${state}`,
        })),
      },
    }),
  };
};

/**
 * What every signed-in page may need to know of the company: markets, membership levels,
 * window, zone, the currency commissions are paid in, and the ranks of the plan in force.
 */
const company = route(systemApi.company, async () => {
  const [settings] = await Promise.all([getCompanySettings(), loadRankNames()]);
  if (!settings) throw new NotFoundError('The company is not set up yet.');
  const { name, timeZone, placementWindowDays, markets, membershipLevels } = settings;
  return {
    name,
    timeZone,
    placementWindowDays,
    markets,
    membershipLevels,
    payoutCurrency: settings.payoutMinimum.currency,
    ranks: rankList(),
  };
});

/** The API described from its contract, built once per cold start. */
let document: OpenApiDocument | undefined;
const openApi = route(systemApi.openApi, async () => {
  document ??= openApiDocument(CONTRACT, { version: API_VERSION });
  return { ...document };
});

const notFound = route(systemApi.notFound, async ({ event }) => {
  throw new NotFoundError(`No route for ${event.requestContext.http.method} ${event.rawPath}.`, 'route_not_found');
});

export const handler = areaRouter('system', systemApi, {
  health: Object.assign(health, { spec: systemApi.health }),
  company,
  openApi,
  notFound,
});
