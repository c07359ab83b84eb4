import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { viewerLocation } from '../../src/lib/origin-guard.js';

const event = (headers: Record<string, string>) => ({ headers }) as unknown as APIGatewayProxyEventV2;
const geo = {
  'cloudfront-viewer-city': 'San%20Jos%C3%A9',
  'cloudfront-viewer-country-region': 'CA',
  'cloudfront-viewer-country': 'US',
};

describe('the approximate place of a sign-in', () => {
  afterEach(() => {
    delete process.env.ORIGIN_SECRET_ARN;
  });

  it('is read from CloudFront’s geolocation headers only behind CloudFront', () => {
    expect(viewerLocation(event(geo))).toBeNull();
    process.env.ORIGIN_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';
    expect(viewerLocation(event(geo))).toBe('San José, CA, US');
    expect(viewerLocation(event({ 'cloudfront-viewer-country': 'MX' }))).toBe('MX');
    expect(viewerLocation(event({}))).toBeNull();
  });

  it('keeps letters, digits and plain punctuation only', () => {
    process.env.ORIGIN_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin';
    expect(viewerLocation(event({ 'cloudfront-viewer-city': '<script>alert(1)</script>' }))).toBe('scriptalert1script');
  });
});
