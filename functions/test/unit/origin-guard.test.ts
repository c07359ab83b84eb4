import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { checkCloudFrontOrigin, clientIp, ORIGIN_HEADER, VIEWER_IP_HEADER } from '../../src/lib/origin-guard.js';

const SECRET = 'generated-origin-secret-0123456789';
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:OriginSecret-AbCdEf';

/** Secrets Manager's JSON protocol, answering GetSecretValue for one secret and counting the reads. */
let server: Server;
let reads = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      reads++;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || SecretId !== ARN) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }));
        return;
      }
      res.end(JSON.stringify({ ARN, Name: 'OriginSecret', SecretString: SECRET }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});
afterAll(async () => {
  delete process.env.ORIGIN_SECRET_ARN;
  await new Promise((resolve) => server.close(resolve));
});

const request = (headers: Record<string, string>) => ({ headers }) as unknown as APIGatewayProxyEventV2;

describe('the CloudFront origin guard', () => {
  it('is off where no origin secret is configured (the local runtime)', async () => {
    delete process.env.ORIGIN_SECRET_ARN;
    await expect(checkCloudFrontOrigin(request({}))).resolves.toBeUndefined();
    expect(reads).toBe(0);
  });

  it('lets through requests carrying the secret and refuses the others with 403, reading the secret once', async () => {
    process.env.ORIGIN_SECRET_ARN = ARN;
    await expect(checkCloudFrontOrigin(request({ [ORIGIN_HEADER]: SECRET }))).resolves.toBeUndefined();
    const refused: Record<string, string>[] = [{}, { [ORIGIN_HEADER]: 'guess' }, { [ORIGIN_HEADER]: `${SECRET}x` }];
    for (const headers of refused) {
      await expect(checkCloudFrontOrigin(request(headers))).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect(reads).toBe(1);
  });

  it('takes the caller IP from CloudFront’s header only where the guard is on, else from the connection', () => {
    const event = (headers: Record<string, string>) =>
      ({ headers, requestContext: { http: { sourceIp: '130.176.1.1' } } }) as unknown as APIGatewayProxyEventV2;
    process.env.ORIGIN_SECRET_ARN = ARN;
    expect(clientIp(event({ [VIEWER_IP_HEADER]: '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientIp(event({ [VIEWER_IP_HEADER]: '2001:db8::1' }))).toBe('2001:db8::1');
    expect(clientIp(event({ [VIEWER_IP_HEADER]: 'not an ip; drop table' }))).toBe('130.176.1.1');
    expect(clientIp(event({}))).toBe('130.176.1.1');
    delete process.env.ORIGIN_SECRET_ARN;
    // Locally nothing overwrites the header, so a caller could pick its own address: it is ignored.
    expect(clientIp(event({ [VIEWER_IP_HEADER]: '203.0.113.7' }))).toBe('130.176.1.1');
  });
});
