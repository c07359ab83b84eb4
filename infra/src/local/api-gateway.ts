import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { areaEntry, httpRoutes, routeKey, type HttpRoute } from '@arbor/functions/wiring';
import { lambdaContext, loadHandler } from './lambda.js';

/** API Gateway's payload limit; larger bodies are refused before any handler runs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const API_TIMEOUT_MS = 29_000;

interface CompiledRoute {
  route: HttpRoute;
  pattern: RegExp;
  params: string[];
  literalSegments: number;
}

function compile(route: HttpRoute): CompiledRoute {
  const params: string[] = [];
  let literalSegments = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        params.push(greedy[1]);
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '([^/]+)';
      }
      literalSegments++;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), params, literalSegments };
}

/** Like API Gateway: the most specific route wins (more literal segments first), else $default. */
const compiled = httpRoutes
  .filter((route) => route.path !== '$default')
  .map(compile)
  .sort((a, b) => b.literalSegments - a.literalSegments || a.params.length - b.params.length);
const defaultRoute = httpRoutes.find((route) => route.path === '$default');

/** Thrown for a path whose percent-encoding is broken (`%E0%A4%A`): the caller answers 400, never 500. */
export class MalformedPathError extends Error {}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedPathError(`The path has a broken percent-encoding: ${value.slice(0, 100)}`);
  }
}

export function matchRoute(method: string, path: string) {
  for (const candidate of compiled) {
    if (candidate.route.method !== method && candidate.route.method !== 'ANY') continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const pathParameters: Record<string, string> = {};
    candidate.params.forEach((name, index) => {
      pathParameters[name] = decodeSegment(match[index + 1] ?? '');
    });
    return { route: candidate.route, pathParameters };
  }
  return defaultRoute ? { route: defaultRoute, pathParameters: {} } : null;
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/** Builds the payload-v2 event API Gateway would send for this request. */
export function toEvent(
  request: IncomingMessage,
  body: Buffer,
  route: HttpRoute,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const cookies = (request.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const contentType = request.headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();
  const key = routeKey(route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookies.length ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: !isText,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ error: { code, message, details: [] } }));
}

/** Handles one /api request the way API Gateway + Lambda would. */
export async function handleApiRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let matched: ReturnType<typeof matchRoute>;
  try {
    matched = matchRoute(request.method ?? 'GET', new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch (error) {
    // A broken percent-encoding, or a target that is no URL at all (`http://[`).
    if (!(error instanceof MalformedPathError) && !(error instanceof TypeError)) throw error;
    request.resume();
    return sendJson(response, 400, 'malformed_path', 'The address is not valid (broken percent-encoding).');
  }
  if (!matched) return sendJson(response, 404, 'route_not_found', 'Not found.');
  const body = await readBody(request);
  if (body === 'too_large') return sendJson(response, 413, 'payload_too_large', 'The request body is over 10 MB.');
  const event = toEvent(request, body, matched.route, matched.pathParameters);
  const handler = await loadHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    areaEntry(matched.route.area),
  );
  try {
    const result = await handler(event, lambdaContext(`arbor-${matched.route.area}`, API_TIMEOUT_MS));
    send(response, result);
  } catch (error) {
    console.error(`[api] ${event.routeKey} failed`, error);
    sendJson(response, 500, 'internal_error', 'Internal server error');
  }
}
