import { createServer, type Server } from 'node:http';
import { afterAll } from 'vitest';
import { z } from 'zod';
import { CONTRACT } from '@arbor/shared/api/contract';
import { ErrorBody, type AreaContract } from '@arbor/shared/api/endpoint';
import type { Area } from '@arbor/shared/api/routes';
import { handleApiRequest, matchRoute } from '../../../infra/src/local/api-gateway.js';
import { TEST_PASSWORD } from './members.js';

let server: Promise<{ server: Server; base: string }> | undefined;

/** The API as the browser sees it: the local API Gateway emulation over the real handlers. */
function apiBase(): Promise<string> {
  server ??= new Promise((resolve) => {
    const s = createServer((request, response) => void handleApiRequest(request, response));
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      resolve({ server: s, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
  return server.then((s) => s.base);
}

afterAll(async () => {
  if (!server) return;
  const { server: s } = await server;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

/**
 * Every response a test receives is checked against the API contract: a
 * success against its route's response schema (shared/src/api/<area>.ts), an
 * error against the one error shape. A mismatch fails the test that saw it.
 */
export function checkAgainstContract(method: string, path: string, status: number, body: unknown, text: string) {
  let matched: ReturnType<typeof matchRoute>;
  try {
    matched = matchRoute(method, new URL(path, 'http://localhost').pathname);
  } catch {
    matched = null;
  }
  const where = `${method} ${path} -> ${status}`;
  if (status >= 400) {
    const result = ErrorBody.safeParse(body);
    if (!result.success) throw new Error(`${where}: not the error shape: ${text.slice(0, 300)}`);
    return;
  }
  if (!matched || matched.route.path === '$default') return;
  const contract = (CONTRACT as Partial<Record<Area, AreaContract>>)[matched.route.area];
  const endpoint = contract?.[matched.route.name];
  if (!endpoint) return;
  if (endpoint.response === null) {
    if (text !== '' && !endpoint.file)
      throw new Error(`${where}: the contract says no body, got ${text.slice(0, 200)}`);
    return;
  }
  const result = endpoint.response.safeParse(body);
  if (!result.success) {
    throw new Error(`${where}: the body does not match the contract: ${z.prettifyError(result.error).slice(0, 1500)}`);
  }
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  setCookies: string[];
}

/** A browser-like client: keeps its cookies (respecting Path and Max-Age=0) between calls. */
export class Client {
  readonly jar = new Map<string, { value: string; path: string }>();

  constructor(readonly userAgent = 'vitest') {}

  private cookieHeader(path: string): string {
    return [...this.jar.entries()]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private keep(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, value = ''] = (pair ?? '').split('=');
      if (!name) continue;
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) this.jar.delete(name);
      else this.jar.set(name, { value, path });
    }
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const base = await apiBase();
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...options.headers };
    const cookie = this.cookieHeader(path);
    if (cookie) headers.cookie = cookie;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, body: payload });
    const setCookies = response.headers.getSetCookie();
    this.keep(setCookies);
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    checkAgainstContract(method, path, response.status, parsed, text);
    return {
      status: response.status,
      body: parsed as T,
      headers: response.headers,
      setCookies,
    };
  }

  /** The raw response (for files such as PDFs). */
  async raw(path: string): Promise<Response> {
    const base = await apiBase();
    const cookie = this.cookieHeader(path);
    return fetch(`${base}${path}`, { headers: { 'user-agent': this.userAgent, ...(cookie ? { cookie } : {}) } });
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }

  async signIn(login: string, password: string) {
    const response = await this.post('/api/auth/sign-in', { login, password });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }
}

/** A client signed in as a member written by createTestMember (its test password). */
export async function signedIn(member: { username: string }): Promise<Client> {
  const client = new Client();
  await client.signIn(member.username, TEST_PASSWORD);
  return client;
}
