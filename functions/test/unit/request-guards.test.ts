import { describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { isUnavailable } from '../../src/lib/db.js';
import { checkOrigin, renderError } from '../../src/lib/http.js';
import { logger } from '../../src/lib/logger.js';

const event = (method: string, headers: Record<string, string | undefined>) =>
  ({ headers, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

describe('the cross-site guard of state-changing requests', () => {
  process.env.APP_URL = 'https://office.example.com';

  it('lets the app’s origin, the address it was reached at, and non-browser clients through', () => {
    for (const headers of [
      { origin: 'https://office.example.com' },
      { origin: 'http://localhost:5173', host: 'localhost:5173' },
      { origin: 'https://office.example.com', host: 'abc.execute-api.eu-west-1.amazonaws.com' },
      { origin: 'https://office.example.com', 'x-forwarded-host': 'office.example.com' },
      {},
      { 'sec-fetch-site': 'same-origin' },
    ]) {
      expect(() => checkOrigin(event('POST', headers)), JSON.stringify(headers)).not.toThrow();
    }
  });

  it('refuses other origins on POST, PUT, PATCH and DELETE, with or without a body', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const headers of [
        { origin: 'https://evil.example', host: 'office.example.com' },
        { origin: 'https://office.example.com.evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ]) {
        expect(() => checkOrigin(event(method, headers))).toThrow(
          expect.objectContaining({ status: 403, code: 'cross_origin' }),
        );
      }
    }
  });

  it('does not judge reads', () => {
    expect(() => checkOrigin(event('GET', { origin: 'https://evil.example' }))).not.toThrow();
  });
});

describe('an unreachable dependency', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });

  it('is told apart from real failures', () => {
    expect(isUnavailable(refused)).toBe(true);
    expect(isUnavailable(new AggregateError([refused], 'connect failed'))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException' }))).toBe(true);
    expect(isUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isUnavailable(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }))).toBe(false);
    expect(isUnavailable(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('renders as 503 with Retry-After; anything else unexpected stays a 500', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const unavailable = renderError(refused);
    expect(unavailable.statusCode).toBe(503);
    expect(Number(unavailable.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(unavailable.body!)).toMatchObject({ error: { code: 'service_unavailable' } });
    expect(renderError(new TypeError('bug')).statusCode).toBe(500);
    // Logged as what they are: a warning for the outage, an error for the bug.
    expect(warn).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
  });
});
