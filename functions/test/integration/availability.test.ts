import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleApiRequest } from '../../../infra/src/local/api-gateway.js';
import { freePort } from '../../../infra/src/local/processes.js';
import { LocalStreamPoller } from '../../../infra/src/local/streams.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { streamConsumers } from '../../src/wiring.js';
import { createTestMember, TEST_PASSWORD } from '../support/members.js';

/**
 * The database going away and coming back, as the API sees it: a TCP relay in
 * front of this file's DynamoDB Local that can be cut (connections refused, open
 * ones reset) and restored on the same port.
 */
class Relay {
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  async up() {
    this.server = createTcpServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async down() {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

let relay: Relay;
let api: Server;
let base: string;

beforeAll(async () => {
  // Before any handler creates its client: the functions reach DynamoDB through the relay.
  relay = new Relay(await freePort(), new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB!));
  await relay.up();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${relay.port}`;
  api = createServer((request, response) => void handleApiRequest(request, response));
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const address = api.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await relay.down();
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

interface ResponseBody {
  status?: string;
  dependencies?: Record<string, string>;
  error: { code: string; message: string };
}

async function call(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as ResponseBody };
}

describe('when DynamoDB is unreachable', () => {
  it('answers 503 with Retry-After, health names the database, and all recovers when it is back', async () => {
    const healthy = await call('GET', '/api/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toEqual({ status: 'ok', dependencies: { dynamodb: 'ok' } });
    const unknown = await call('POST', '/api/auth/sign-in', {
      body: { login: 'nobody.here', password: 'x'.repeat(12) },
    });
    expect(unknown.status).toBe(401);

    await relay.down();
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(health.body).toMatchObject({
      status: 'unavailable',
      dependencies: { dynamodb: 'unreachable' },
      error: { code: 'service_unavailable' },
    });
    const signIn = await call('POST', '/api/auth/sign-in', {
      body: { login: 'nobody.here', password: 'x'.repeat(12) },
    });
    expect(signIn.status).toBe(503);
    expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(signIn.body.error.code).toBe('service_unavailable');

    // Back: the same requests work again, with nothing restarted.
    await relay.up();
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect(
      (await call('POST', '/api/auth/sign-in', { body: { login: 'nobody.here', password: 'x'.repeat(12) } })).status,
    ).toBe(401);
  });
});

describe('the local stream poller when DynamoDB goes away', () => {
  it('says so once, backs off, and reads the stream again when it is back', async () => {
    const lines: string[] = [];
    const previous = process.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS;
    process.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS = `http://127.0.0.1:${relay.port}`;
    const poller = new LocalStreamPoller(new DynamoDBClient({}), 'arbor-test', streamConsumers[0]!, {
      startAt: 'latest',
      pollMs: 10,
      log: (line) => lines.push(line),
    });
    await poller.start();
    try {
      await relay.down();
      const before = poller.progress().passes;
      await until(() => poller.progress().passes >= before + 5);
      // Five failed passes, one line (not one every 10 ms).
      expect(lines).toHaveLength(1);
      await relay.up();
      await until(() => lines.some((line) => line.includes('reading the stream again')));
      const idle = poller.progress().passes;
      await until(() => poller.progress().passes >= idle + 3 && poller.progress().idleStreak >= 3);
    } finally {
      await relay.up().catch(() => undefined);
      await poller.stop();
      process.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS = previous;
    }
  });
});

async function until(check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a state-changing request from another site', () => {
  it('is refused, bodyless POSTs included, and changes nothing; the app’s own origin passes', async () => {
    const member = await createTestMember();
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ login: member.username, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = () => call('GET', '/api/auth/me', { headers: { cookie } });
    expect((await me()).status).toBe(200);

    // A cross-site form or fetch: sign-out and refresh carry no body, so no JSON content type guards them.
    const attempts: Record<string, string>[] = [
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'null' },
      { cookie, 'sec-fetch-site': 'cross-site' },
      { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of attempts) {
      for (const path of ['/api/auth/sign-out', '/api/auth/refresh']) {
        const refused = await call('POST', path, { headers });
        expect(refused.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(refused.body.error.code).toBe('cross_origin');
      }
    }
    const login = await call('POST', '/api/auth/sign-in', {
      headers: { origin: 'https://evil.example' },
      body: { login: member.username, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(403);
    // Still signed in: nothing above reached a handler.
    expect((await me()).status).toBe(200);

    // The app itself (its configured origin, or the address it was reached at) signs out fine.
    const host = new URL(base).host;
    const out = await call('POST', '/api/auth/sign-out', { headers: { cookie, origin: `http://${host}` } });
    expect(out.status).toBe(204);
    expect((await me()).status).toBe(401);
  });
});
