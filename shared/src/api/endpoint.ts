import { z } from 'zod';
import type { Role } from '../members/model.js';
import type { ApiScope } from '../integrations/scopes.js';

/** Who may call a route: anyone, or signed-in members holding one of the roles. */
export type AuthRule = 'public' | readonly Role[];

export const ALL_ROLES = ['customer', 'partner', 'support', 'admin'] as const satisfies readonly Role[];
export const PARTNERS_AND_STAFF = ['partner', 'support', 'admin'] as const satisfies readonly Role[];
export const STAFF = ['support', 'admin'] as const satisfies readonly Role[];
export const ADMIN = ['admin'] as const satisfies readonly Role[];

/**
 * What one route takes and returns: the contract the handler implements
 * (functions/src/lib/http.ts validates the input with it and shapes the
 * output with it), the web reads its types from, and the OpenAPI document is
 * generated from. Its method and path are in routes.ts, under the same name.
 */
export interface Endpoint {
  auth: AuthRule;
  /** One line for the API reference. */
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON body of a success; `null` when there is none (204) or the success is a file. */
  response: z.ZodType | null;
  /** The success status; 200 unless said. */
  status?: 200 | 201 | 202 | 204;
  /** A file download: its content type (the response is the file, not JSON). */
  file?: string;
  /**
   * Routes that change state refuse read-only principals (support viewing the
   * portal as a member); a route that only records something harmless may allow them.
   */
  allowReadOnly?: boolean;
  /**
   * The API-key scope that lets another system call this route with
   * `Authorization: Bearer <key>` (docs/integrations.md); a route without one
   * refuses keys. A key's scope stands in for the roles: it is checked instead.
   */
  scope?: ApiScope;
}

/** Declares an endpoint, keeping its literal types (the auth roles, the schemas) for the handler and the web. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** One area's endpoints by route name. */
export type AreaContract = Record<string, Endpoint>;

export const ErrorDetail = z.object({
  field: z.string().optional(),
  rule: z.string().optional(),
  message: z.string(),
});

/** Every error, whatever the route: `{ error: { code, message, details } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed, not_found.' }),
    message: z.string().meta({ description: 'A sentence for a person.' }),
    details: z.array(ErrorDetail).optional(),
  }),
});

/** The body a route returns on success, as the web reads it. */
export type ResponseOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : undefined;
/** What a handler may return for it (before the schema shapes it). */
export type HandlerResultOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.input<E['response']> : undefined;
type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
export type ParamsOf<E extends Endpoint> = InputOf<E['params']>;
export type QueryOf<E extends Endpoint> = InputOf<E['query']>;
export type BodyOf<E extends Endpoint> = InputOf<E['body']>;

/** Shared response pieces (money is shared/src/money.ts's Money). */
export const IsoDateTime = z.string().meta({ description: 'UTC ISO-8601 date and time', format: 'date-time' });
export const IsoDate = z.string().meta({ description: 'ISO-8601 calendar date (YYYY-MM-DD)', format: 'date' });
