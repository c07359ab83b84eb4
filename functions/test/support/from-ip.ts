import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll } from 'vitest';
import { handleApiRequest } from '../../../infra/src/local/api-gateway.js';

let server: Promise<{ server: Server; port: number }> | undefined;

/** The local API Gateway emulation on 127.0.0.1; any 127.x.y.z address can call it, and is its source IP. */
function apiPort(): Promise<number> {
  server ??= new Promise((resolve) => {
    const s = createServer((request, response) => void handleApiRequest(request, response));
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      resolve({ server: s, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
  return server.then((s) => s.port);
}

afterAll(async () => {
  if (!server) return;
  const { server: s } = await server;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

export interface IpResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

let next = 1;
/** A loopback address no other test in this file uses: each one is a different caller to the rate limits. */
export const freshIp = () => {
  const n = next++;
  return `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 2}`;
};

/**
 * A client calling from a given loopback address, so API Gateway's
 * `sourceIp` (what the rate limits count) is that address. Keeps its cookies.
 */
export class IpClient {
  private readonly jar = new Map<string, string>();

  constructor(readonly ip = freshIp()) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<IpResponse<T>> {
    const port = await apiPort();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'user-agent': 'vitest-ip' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (this.jar.size) headers.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, localAddress: this.ip, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          for (const header of res.headers['set-cookie'] ?? []) {
            const [pair] = header.split(';');
            const [name, value = ''] = (pair ?? '').split('=');
            if (!name) continue;
            if (/max-age=0/i.test(header)) this.jar.delete(name);
            else this.jar.set(name, value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
}
