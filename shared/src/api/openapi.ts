import { z } from 'zod';
import { ErrorBody, type AreaContract, type Endpoint } from './endpoint.js';
import { AREAS, ROUTES, splitRoute, type Area } from './routes.js';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  'x-roles': string[];
  /** The API-key scope that may call it (docs/integrations.md); absent when keys are refused. */
  'x-api-key-scope'?: string;
  security?: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; $ref?: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}

/** The contract as zod sees it, per direction: requests as clients send them, responses as they arrive. */
const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
};

/** Path and query parameters: one per property of the route's params / query object. */
function parameters(schema: z.ZodType | undefined, place: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: place,
    required: place === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const ERROR_RESPONSES = {
  '400': 'The input is invalid: `error.details` names each field (`body.email`, `query.limit`, ...).',
  '401': 'Not signed in, or the session ended.',
  '403': 'Signed in, but this role (or a read-only view) may not do this, or the target is outside your scope.',
  '404': 'No such thing, or not one you may see.',
  '409': 'The change conflicts with the current state (it changed meanwhile, or it is already done).',
  '429': 'Too many requests: wait for Retry-After seconds.',
  '503': 'A dependency is briefly unavailable: retry after Retry-After seconds.',
};

function operation(area: Area, name: string, endpoint: Endpoint, method: string): OpenApiOperation {
  const status = String(endpoint.status ?? (endpoint.response === null && !endpoint.file ? 204 : 200));
  let success: OpenApiOperation['responses'][string] = { description: 'Success.' };
  if (endpoint.file) {
    success = {
      description: 'The file.',
      content: { [endpoint.file]: { schema: { type: 'string', format: 'binary' } } },
    };
  } else if (endpoint.response) {
    success = {
      description: 'Success.',
      content: { 'application/json': { schema: toSchema(endpoint.response, 'output') } },
    };
  }
  const errors = Object.fromEntries(
    Object.entries(ERROR_RESPONSES)
      .filter(([code]) => endpoint.auth !== 'public' || (code !== '401' && code !== '403'))
      .filter(([code]) => method !== 'get' || code !== '409')
      .map(([code, description]) => [code, { $ref: `#/components/responses/Error${code}`, description }]),
  );
  const roles = endpoint.auth === 'public' ? 'anyone' : endpoint.auth.join(', ');
  const keys = endpoint.scope ? `API keys with the scope \`${endpoint.scope}\`.` : undefined;
  return {
    operationId: `${area}.${name}`,
    tags: [area],
    summary: endpoint.summary,
    description: [endpoint.description, `Who may call it: ${roles}.`, keys].filter(Boolean).join('\n\n'),
    'x-roles': endpoint.auth === 'public' ? [] : [...endpoint.auth],
    ...(endpoint.scope ? { 'x-api-key-scope': endpoint.scope } : {}),
    ...(endpoint.auth === 'public' ? { security: [] } : {}),
    ...(endpoint.scope ? { security: [{ session: [] }, { apiKey: [endpoint.scope] }] } : {}),
    parameters: [...parameters(endpoint.params, 'path'), ...parameters(endpoint.query, 'query')],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(endpoint.body, 'input') } },
          },
        }
      : {}),
    responses: { [status]: success, ...errors },
  };
}

/**
 * The API as an OpenAPI 3.1 document, generated from the contract: every
 * route of routes.ts with its endpoint's input and output schemas, its roles
 * and its errors. Throws when a route has no endpoint (CI runs this).
 */
export function openApiDocument(
  contract: Partial<Record<Area, AreaContract>>,
  options: { version: string; serverUrl?: string },
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const missing: string[] = [];
  for (const area of AREAS) {
    for (const [name, route] of Object.entries(ROUTES[area])) {
      const { method, path } = splitRoute(route);
      const endpoint = contract[area]?.[name];
      if (!endpoint) {
        missing.push(`${area}.${name}`);
        continue;
      }
      if (path === '$default') continue;
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = operation(area, name, endpoint, method.toLowerCase());
    }
  }
  if (missing.length > 0) throw new Error(`routes without an endpoint in the contract: ${missing.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Arbor API',
      version: options.version,
      description:
        'The back office API. Browsers authenticate with the session cookies that sign-in sets; ' +
        'server-to-server integrations use API keys. Money is integer minor units with an ISO currency; ' +
        'errors are `{ error: { code, message, details } }`.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: AREAS.map((name) => ({ name })),
    security: [{ session: [] }],
    paths,
    components: {
      schemas: { Error: toSchema(ErrorBody, 'output') },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([code, description]) => [
          `Error${code}`,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'arbor_session', description: 'Set by POST /api/auth/sign-in.' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (`arb_live_…`) made by an admin, on the routes that name its scope.',
        },
      },
    },
  };
}
