import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ForbiddenError } from '@arbor/shared/errors';
import { secretValue } from './parameters.js';

/**
 * The header CloudFront adds to every request it sends to the API (its value
 * is a generated secret in Secrets Manager, see infra/src/stack/web.ts). A
 * request without it came around CloudFront, straight to the execute-api
 * address, and so around the WAF: it is refused.
 */
export const ORIGIN_HEADER = 'x-arbor-origin';

/** Re-read after this long, so a secret changed by hand (then redeployed) is picked up. */
const SECRET_MAX_AGE_SECONDS = 5 * 60;

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Refuses (403) a request that does not carry CloudFront's origin header.
 * Active where the stack sets ORIGIN_SECRET_ARN (every API function in AWS);
 * the local runtime has no CloudFront and sets none.
 */
export async function checkCloudFrontOrigin(event: APIGatewayProxyEventV2): Promise<void> {
  const arn = process.env.ORIGIN_SECRET_ARN;
  if (!arn) return;
  const given = event.headers?.[ORIGIN_HEADER] ?? '';
  if (!sameSecret(given, await secretValue(arn, SECRET_MAX_AGE_SECONDS))) {
    throw new ForbiddenError('Use the application’s own address.');
  }
}

/** The middy form, for the one HTTP chain (functions/src/lib/http.ts). */
export const originGuard = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  before: (request) => checkCloudFrontOrigin(request.event),
});

/**
 * The viewer's address, which CloudFront's viewer-request function on /api/*
 * writes over whatever a browser sent (infra/src/stack/web.ts). Behind
 * CloudFront, API Gateway's sourceIp is an edge server's, so per-IP limits and
 * sign-in history would count edge servers instead of people.
 */
export const VIEWER_IP_HEADER = 'x-arbor-viewer-ip';

/**
 * The caller's IP: CloudFront's header where the origin guard is on (only
 * CloudFront can have sent the request, and it overwrote the header), else
 * the connection's own address (the local runtime, tests).
 */
export function clientIp(event: APIGatewayProxyEventV2): string {
  const viewer = event.headers?.[VIEWER_IP_HEADER];
  if (process.env.ORIGIN_SECRET_ARN && viewer && /^[0-9a-fA-F:.]{2,45}$/.test(viewer)) return viewer;
  return event.requestContext.http.sourceIp;
}

/** CloudFront's geolocation headers of the viewer (added only where an origin request policy asks for them). */
const LOCATION_HEADERS = ['cloudfront-viewer-city', 'cloudfront-viewer-country-region', 'cloudfront-viewer-country'];

/**
 * The viewer's approximate location ("Austin, TX, US") from CloudFront's geolocation headers,
 * trusted only where the origin guard is on (only CloudFront can have sent them); null
 * locally, in tests, and when CloudFront sent none.
 */
export function viewerLocation(event: APIGatewayProxyEventV2): string | null {
  if (!process.env.ORIGIN_SECRET_ARN) return null;
  const parts = LOCATION_HEADERS.map((name) => event.headers?.[name] ?? '')
    .map((value) => {
      let text = value;
      try {
        text = decodeURIComponent(value);
      } catch {
        // Not percent-encoded: kept as it came.
      }
      return text
        .replace(/[^\p{L}\p{N} .'-]/gu, '')
        .trim()
        .slice(0, 60);
    })
    .filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
