import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_HEADER, controlHeaders } from '../../src/local/control.js';
import { localRequestListener } from '../../src/local/http-server.js';
import { LocalQueues } from '../../src/local/sqs.js';

/** The local server as `npm start` runs it (API, web app, local controls), without DynamoDB. */
let server: Server;
let port: number;
let webRoot: string;

/** A raw request: the path goes on the wire exactly as written (no URL normalisation). */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method,
      path,
      headers: { host: `localhost:${port}`, ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'arbor-web-'));
  writeFileSync(join(webRoot, '200.html'), '<!doctype html><title>app</title>');
  const queues = new LocalQueues('http://127.0.0.1:1');
  queues.create({ name: 'autoship', visibilityTimeoutSeconds: 30 });
  server = createServer(localRequestListener({ queues, webRoot }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(webRoot, { recursive: true, force: true });
});

describe('a path with broken percent-encoding', () => {
  it('is a 400 on the API, with the JSON error shape, before any handler runs', async () => {
    const response = await send('GET', '/api/members/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'malformed_path' } });
  });

  it('is a 400 for the web app, and the server keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/members/%E0%A4%A', '/%']) {
      expect((await send('GET', path)).status).toBe(400);
    }
    const page = await send('GET', '/members/1042');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>app</title>');
  });

  it('a request target that is no URL at all is a 400 too', async () => {
    expect((await send('GET', 'http://[')).status).toBe(400);
    expect((await send('GET', '/members/1042')).status).toBe(200);
  });

  it('never leaves the web root', async () => {
    const response = await send('GET', '/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fhostname');
    expect(response.text).toContain('<title>app</title>');
  });
});

describe('the local controls', () => {
  it('answer the CLI (no Origin, the control header, JSON)', async () => {
    const queues = await send('GET', '/__local/queues', controlHeaders());
    expect(queues.status).toBe(200);
    expect(JSON.parse(queues.text)).toHaveProperty('autoship');
    // Past the gate: an unknown job is a 404 from the control itself.
    expect((await send('POST', '/__local/jobs/no-such-job', controlHeaders(), '{}')).status).toBe(404);
  });

  it('refuse anything a web page can send', async () => {
    const cases: Record<string, string>[] = [
      // A cross-site form or fetch: Origin of another site.
      { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      // Even the app's own pages, and even with the header (a page never needs the controls).
      { ...controlHeaders(), origin: `http://localhost:${port}` },
      // A navigation or no-cors request that omits Origin still says where it came from.
      { ...controlHeaders(), 'sec-fetch-site': 'cross-site' },
      // A simple request without the custom header.
      { 'content-type': 'text/plain' },
      // The header but a form body type.
      { [CONTROL_HEADER]: '1', 'content-type': 'text/plain' },
      // DNS rebinding: the page's own host name reaches 127.0.0.1.
      { ...controlHeaders(), host: 'attacker.example' },
    ];
    for (const headers of cases) {
      const response = await send('POST', '/__local/jobs/no-such-job', headers, '{}');
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await send('GET', '/__local/queues')).status).toBe(403);
  });
});
