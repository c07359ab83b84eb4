/**
 * The one way the app talks to the API: same origin, JSON in and out, cookies
 * carry the session. A 401 triggers one refresh of the session and a retry;
 * errors arrive as ApiError with the server's code, message and field details.
 */
import type { z } from 'zod';
import type { Contract } from '@arbor/shared/api/contract';
import type { Endpoint, ErrorDetail as ErrorDetailSchema, ResponseOf } from '@arbor/shared/api/endpoint';
import { routeOf } from '@arbor/shared/api/routes';

/** One problem of an error answer: the field it names, the rule, a sentence (shared/src/api/endpoint.ts). */
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** From Retry-After, when the server says when to try again (lockout, throttling). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** The message for one form field (`body.email` -> `email`), if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === `body.${field}` || d.field === field)?.message;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Cancels the request (a newer page replaced it, an export was canceled). */
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;
let onSessionLost: () => void = () => undefined;

/** The portal registers what to do when the session cannot be renewed (go to sign-in). */
export function setSessionLostHandler(handler: () => void) {
  onSessionLost = handler;
}

function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then((response) => response.ok || response.status === 409)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const send = () =>
    fetch(url(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  let response = await send();
  const isAuthCall = path.startsWith('/auth/sign-in') || path.startsWith('/auth/refresh');
  if (response.status === 401 && !isAuthCall) {
    if (await refreshSession()) response = await send();
    if (response.status === 401) onSessionLost();
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string; details?: ErrorDetail[] } }) | null;
  if (!response.ok) {
    const error = payload?.error;
    const retryAfter = response.headers.get('retry-after');
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      error?.details ?? [],
      retryAfter ? Number(retryAfter) : null,
    );
  }
  return payload as T;
}

type ContractArea = keyof Contract;
/** `area.name` of every route the contract describes, e.g. `orders.listOrders`. */
export type EndpointId = { [A in ContractArea]: `${A}.${keyof Contract[A] & string}` }[ContractArea];
export type EndpointOf<I extends EndpointId> = I extends `${infer A extends ContractArea}.${infer N}`
  ? N extends keyof Contract[A]
    ? Contract[A][N] extends Endpoint
      ? Contract[A][N]
      : never
    : never
  : never;
/** What a route answers, as the contract in shared/src/api says. */
export type Response<I extends EndpointId> = ResponseOf<EndpointOf<I>>;

type Input<S> = S extends z.ZodType ? z.input<S> : never;
/** What a call of the endpoint takes: its path params and body when it has them, a query, a signal. */
type CallInput<E> = { query?: E extends { query: infer Q } ? Input<Q> : undefined; signal?: AbortSignal } & (E extends {
  params: infer P;
}
  ? { params: Input<P> }
  : { params?: undefined }) &
  (E extends { body: infer B } ? { body: Input<B> } : { body?: undefined });
type CallArgs<E> = E extends { params: object } | { body: object } ? [CallInput<E>] : [CallInput<E>?];

/** `/api/orders/{id}` with its params filled in, without the `/api` prefix `api()` adds. */
function pathOf(id: EndpointId, params: Record<string, unknown> = {}): { method: string; path: string } {
  const { method, path } = routeOf(id);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  return { method, path: filled.replace(/^\/api/, '') };
}

/**
 * Calls a route by its id in the contract: the path, the method and the types
 * of what goes in and comes out all come from shared/src/api, so a page
 * cannot read a field the API does not send.
 */
export function call<I extends EndpointId>(id: I, ...[input]: CallArgs<EndpointOf<I>>): Promise<Response<I>> {
  const { method, path } = pathOf(id, (input?.params ?? {}) as Record<string, unknown>);
  return api<Response<I>>(path, {
    method: method as RequestOptions['method'],
    query: input?.query as Query | undefined,
    body: input?.body,
    signal: input?.signal,
  });
}

/** The address of a route that answers a file (an invoice PDF, a CSV export), for a link. */
export function href<I extends EndpointId>(id: I, params: CallInput<EndpointOf<I>>['params'], query?: Query): string {
  return url(pathOf(id, (params ?? {}) as Record<string, unknown>).path, query);
}
