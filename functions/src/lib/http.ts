import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, ForbiddenError, UnauthorizedError, ValidationError, type ErrorDetail } from '@arbor/shared/errors';
import type { AuthRule as ContractAuthRule } from '@arbor/shared/api/endpoint';
import type { ApiScope } from '@arbor/shared/integrations/scopes';
import type { Role } from '@arbor/shared/members/model';
import { logger } from './logger.js';
import { flushMetricsAfter } from './metrics.js';
import { parseCookies } from './cookies.js';
import { isUnavailable } from './db.js';
import { clientIp, originGuard } from './origin-guard.js';
import { env } from './env.js';

/** Who is calling: the member, its role, and its session (or the API key it calls with). */
export interface Principal {
  memberId: string;
  role: Role;
  sessionId: string;
  family: string;
  /** Support viewing the portal as the member: reads only, every one logged. */
  readOnly: boolean;
  impersonatedBy?: string;
  /** The view of the member's portal this session is (every request under it is recorded). */
  viewId?: string;
  /** Another system calling with an API key: the route's scope is checked against these instead of the role. */
  apiKey?: { id: string; scopes: readonly ApiScope[] };
}

/**
 * How the chain finds who is calling. The HTTP plumbing knows no area: auth
 * provides this (auth/principal.ts), and each area's router hands it to its
 * routes (functions/src/area-router.ts).
 */
export interface Authenticator {
  /** From the session cookie; with `required` false (public routes) a bad or missing one is no one. */
  session(cookies: Record<string, string>, required: boolean): Promise<Principal | null>;
  /** From an API key (`Authorization: Bearer <key>`), never together with a session cookie. */
  apiKey(key: string, cookies: Record<string, string>): Promise<Principal>;
  /** Records a request made under a view of a member's portal (`principal.viewId`), refused or not. */
  viewed?(
    principal: Principal,
    request: { method: string; route: string; path: string; refused: boolean },
  ): Promise<void>;
}

/** Who may call a route: anyone, or signed-in members holding one of the roles. */
export type AuthRule = ContractAuthRule;

/**
 * What a route takes and returns: its endpoint in the API contract
 * (shared/src/api/<area>.ts). The input schemas validate the request; the
 * response schema shapes what the handler returns.
 */
export interface RouteSpec<
  A extends AuthRule,
  B extends z.ZodType,
  Q extends z.ZodType,
  P extends z.ZodType,
  R extends z.ZodType | null = null,
> {
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  status?: number;
  /**
   * Routes that change state refuse read-only principals (support viewing the
   * portal as a member). GET routes are read-only by nature.
   */
  allowReadOnly?: boolean;
  /** The API-key scope that lets another system call the route; without one, keys are refused. */
  scope?: ApiScope;
}

export interface HttpRequest<A extends AuthRule, B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: A extends 'public' ? Principal | null : Principal;
  cookies: Record<string, string>;
  ip: string;
  userAgent: string;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export class HttpResponse {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly cookies: string[] = [],
    readonly headers: Record<string, string> = {},
    /** A binary body (a PDF, a spreadsheet) sent as is, instead of JSON. */
    readonly binary?: Uint8Array,
  ) {}
}

/** A file download: the bytes, their type and a file name. */
export const file = (
  data: Uint8Array,
  contentType: string,
  filename: string,
  disposition: 'inline' | 'attachment' = 'inline',
) =>
  new HttpResponse(
    200,
    undefined,
    [],
    { 'content-type': contentType, 'content-disposition': `${disposition}; filename="${filename}"` },
    data,
  );

export const ok = (body: unknown, cookies: string[] = []) => new HttpResponse(200, body, cookies);
export const created = (body: unknown, cookies: string[] = []) => new HttpResponse(201, body, cookies);
export const accepted = (body: unknown) => new HttpResponse(202, body);
export const noContent = (cookies: string[] = []) => new HttpResponse(204, undefined, cookies);

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function render(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  if (response.binary) {
    return {
      statusCode: response.status,
      headers: { ...BASE_HEADERS, ...response.headers },
      cookies: response.cookies,
      body: Buffer.from(response.binary).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return {
    statusCode: response.status,
    headers: { ...BASE_HEADERS, ...response.headers },
    cookies: response.cookies,
    body: response.body === undefined ? '' : JSON.stringify(response.body),
  };
}

/** An error as a response, for the rare handler that must also set cookies on failure. */
export function errorResponse(error: AppError, cookies: string[] = []): HttpResponse {
  const headers: Record<string, string> = {};
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return new HttpResponse(
    error.status,
    { error: { code: error.code, message: error.message, details: error.details } },
    cookies,
    headers,
  );
}

/** How long a client should wait before trying again when a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** A dependency (the database) cannot be reached right now: 503 with Retry-After; the same request will work later. */
export class ServiceUnavailableError extends AppError {
  readonly retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS;
  constructor(message = 'The service is briefly unavailable. Please try again in a few seconds.') {
    super(503, 'service_unavailable', message);
  }
}

export function renderError(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof AppError) return render(errorResponse(error));
  if (isUnavailable(error)) {
    logger.warn('a dependency is unavailable', error as Error);
    return render(errorResponse(new ServiceUnavailableError()));
  }
  // Unexpected: log everything, tell the caller nothing about internals.
  logger.error('unhandled error', error as Error);
  return render(
    new HttpResponse(500, {
      error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.', details: [] },
    }),
  );
}

/** Zod issues as `{ field: 'body.email', rule, message }`. */
export function zodDetails(prefix: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].join('.');
    return { field, rule: issue.code, message: `${field}: ${issue.message}` };
  });
}

function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown, prefix: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = zodDetails(prefix, result.error);
  throw new ValidationError(details.map((d) => d.message).join('; '), details);
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return {};
  const contentType = event.headers?.['content-type'] ?? '';
  // Requiring JSON also keeps plain HTML forms (a CSRF vector) out.
  if (!contentType.toLowerCase().startsWith('application/json')) {
    throw new ValidationError('Send the body as JSON (content-type: application/json).', [
      { field: 'body', rule: 'content_type', message: 'body: content-type must be application/json' },
    ]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The body is not valid JSON.', [
      { field: 'body', rule: 'malformed_json', message: 'body: is not valid JSON' },
    ]);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery guard for every state-changing request, with a
 * body or without (a bodyless POST such as sign-out or calculate has no JSON
 * content type to protect it): a browser names the page's origin in Origin
 * (and Sec-Fetch-Site), and only the app's own origin may change anything.
 * Clients that are not browsers send neither and pass.
 */
export function checkOrigin(event: APIGatewayProxyEventV2): void {
  if (SAFE_METHODS.has(event.requestContext.http.method)) return;
  const headers = event.headers ?? {};
  const refuse = () =>
    new AppError(403, 'cross_origin', 'This request came from another site; it was refused.', [
      { field: 'headers.origin', rule: 'same_origin', message: 'headers.origin: must be this site' },
    ]);
  const origin = headers.origin;
  if (origin === undefined) {
    const site = headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw refuse();
    return;
  }
  const allowed = new Set<string>();
  const app = originOf(process.env.APP_URL ? env.appUrl() : undefined);
  if (app) allowed.add(app);
  for (const host of [headers.host, headers['x-forwarded-host']]) {
    if (!host) continue;
    allowed.add(`https://${host}`);
    allowed.add(`http://${host}`);
  }
  if (!allowed.has(origin)) throw refuse();
}

function checkAccess(rule: AuthRule, principal: Principal | null, method: string, allowReadOnly: boolean): void {
  // A read-only view writes nothing, on public routes too (an enrollment, a contact form, a sign-in).
  if (principal?.readOnly && method !== 'GET' && method !== 'HEAD' && !allowReadOnly) {
    throw new ForbiddenError('This is a read-only view of the member; changes are not allowed.');
  }
  if (rule === 'public') return;
  if (!principal) throw new UnauthorizedError();
  if (!rule.includes(principal.role)) throw new ForbiddenError();
}

/** Checks access, recording the request first when it is made under a view of a member's portal. */
async function checkAndRecord(
  authenticator: Authenticator,
  event: APIGatewayProxyEventV2,
  check: () => void,
  principal: Principal | null,
): Promise<void> {
  if (!principal?.viewId || !authenticator.viewed) return check();
  let refusal: unknown = null;
  try {
    check();
  } catch (error) {
    refusal = error;
  }
  await authenticator.viewed(principal, {
    method: event.requestContext.http.method,
    route: event.routeKey,
    path: event.rawPath ?? event.requestContext.http.path,
    refused: refusal !== null,
  });
  if (refusal) throw refusal;
}

/** An API key sent as `Authorization: Bearer <key>` (other systems; browsers send the session cookie). */
function bearerKey(event: APIGatewayProxyEventV2): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(event.headers?.authorization ?? '');
  return match?.[1] ?? null;
}

/** A key's route must name a scope (else keys are refused outright), and the key must hold it. */
function checkScope(scope: ApiScope | undefined, principal: Principal | null): void {
  const refuse = (code: string, message: string, rule: string) =>
    new AppError(403, code, message, [
      { field: 'headers.authorization', rule, message: `headers.authorization: ${message}` },
    ]);
  if (!scope) throw refuse('api_key_not_accepted', 'This route does not take API keys.', 'no_scope');
  if (principal && !principal.apiKey?.scopes.includes(scope)) {
    throw refuse('scope_missing', `This API key lacks the scope ${scope}.`, scope);
  }
}

/**
 * The one middy chain every HTTP handler goes through: logging with a
 * correlation id, error rendering, body/query/path validation, authentication
 * and the route's role check. Handlers receive typed, validated input.
 */
export function route<
  A extends AuthRule,
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType | null = null,
>(
  spec: RouteSpec<A, B, Q, P, R>,
  fn: (
    request: HttpRequest<A, z.infer<B>, z.infer<Q>, z.infer<P>>,
  ) => Promise<HttpResponse | (R extends z.ZodType ? z.input<R> : object)>,
): Handler {
  let authenticator: Authenticator | undefined;
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    if (!authenticator) throw new Error(`${event.routeKey}: no authenticator; routes are served by an area router`);
    const cookies = parseCookies(event.cookies);
    const method = event.requestContext.http.method;
    checkOrigin(event);
    const key = bearerKey(event);
    let principal: Principal | null;
    if (key === null) {
      principal = await authenticator.session(cookies, spec.auth !== 'public');
      const who = principal;
      await checkAndRecord(
        authenticator,
        event,
        () => checkAccess(spec.auth, who, method, spec.allowReadOnly ?? false),
        who,
      );
    } else {
      // A key is checked by the route's scope instead of a role (docs/integrations.md).
      checkScope(spec.scope, null);
      principal = await authenticator.apiKey(key, cookies);
      checkScope(spec.scope, principal);
    }
    const request = {
      body: parseWith(spec.body, spec.body ? readJsonBody(event) : undefined, 'body'),
      query: parseWith(spec.query, event.queryStringParameters ?? {}, 'query'),
      params: parseWith(spec.params, event.pathParameters ?? {}, 'params'),
      principal,
      cookies,
      ip: clientIp(event),
      userAgent: event.requestContext.http.userAgent ?? event.headers?.['user-agent'] ?? '',
      requestId: event.requestContext.requestId,
      event,
    } as HttpRequest<A, z.infer<B>, z.infer<Q>, z.infer<P>>;
    const result = await fn(request);
    const response = result instanceof HttpResponse ? result : new HttpResponse(spec.status ?? 200, result);
    return render(shaped(spec.response ?? null, response, event.routeKey));
  };

  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    // The business metrics the request recorded (lib/metrics.ts), written when it ends.
    .use(flushMetricsAfter())
    .use({
      before: (request) => {
        logger.setCorrelationId(request.event.requestContext.requestId);
      },
    })
    .use({
      onError: (request) => {
        request.response = renderError(request.error);
      },
    })
    // In AWS, only requests that came through CloudFront (and its WAF) get further.
    .use(originGuard())
    .handler(core) as unknown as Handler;
  return Object.assign(handler, {
    spec,
    authenticateWith: (a: Authenticator) => {
      authenticator = a;
    },
  });
}

/** The spec a handler was built from (the router checks it is the contract's endpoint). */
export const specOf = (handler: unknown): object | undefined => (handler as { spec?: object }).spec;

/** Gives a route its authenticator (the area router does, for each of its routes); other handlers need none. */
export const authenticateWith = (handler: unknown, authenticator: Authenticator): void =>
  (handler as { authenticateWith?: (a: Authenticator) => void }).authenticateWith?.(authenticator);

/**
 * A success body goes out as its schema shapes it: fields the contract does
 * not name are dropped, so the API says exactly what the contract says. A
 * body that does not match is a bug: on this machine and in tests
 * (ARBOR_STRICT_RESPONSES) it is a 500 naming the fields; in AWS it is logged
 * as an error and the body is sent as it is, so a contract slip does not take
 * a page down.
 */
export function shaped(schema: z.ZodType | null, response: HttpResponse, routeKey: string): HttpResponse {
  if (!schema || response.binary || response.body === undefined || response.status >= 300) return response;
  const result = schema.safeParse(response.body);
  if (result.success) {
    return new HttpResponse(response.status, result.data, response.cookies, response.headers);
  }
  const problems = zodDetails('response', result.error).map((d) => d.message);
  if (process.env.ARBOR_STRICT_RESPONSES === 'true') {
    throw new Error(`${routeKey}: the response does not match its schema: ${problems.join('; ')}`);
  }
  logger.error('response does not match its schema', { routeKey, problems });
  return response;
}
