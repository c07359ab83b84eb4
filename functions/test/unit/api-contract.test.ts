import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '@arbor/shared/api/contract';
import type { AreaContract } from '@arbor/shared/api/endpoint';
import { openApiDocument } from '@arbor/shared/api/openapi';
import { AREAS, ROUTES } from '@arbor/shared/api/routes';

const contract = CONTRACT as Partial<Record<(typeof AREAS)[number], AreaContract>>;

describe('the API contract', () => {
  it.each(AREAS)('area %s: every route has an endpoint with its input and response schemas', (area) => {
    const endpoints = contract[area];
    expect(endpoints, `shared/src/api/${area}.ts is missing from CONTRACT`).toBeDefined();
    const names = Object.keys(ROUTES[area]);
    expect(Object.keys(endpoints ?? {}).sort()).toEqual([...names].sort());
    for (const name of names) {
      const route = (ROUTES[area] as Record<string, string>)[name]!;
      const endpoint = endpoints![name]!;
      expect(endpoint.summary.length, `${area}.${name} has no summary`).toBeGreaterThan(10);
      // A success either has a JSON schema, or says it has no body (204) or is a file.
      expect(
        endpoint.response !== null || endpoint.status === 204 || Boolean(endpoint.file) || name === 'notFound',
        `${area}.${name}: no response schema`,
      ).toBe(true);
      // Every {param} of the path is in the params schema.
      const pathParams = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (pathParams.length > 0) expect(endpoint.params, `${area}.${name}: no params schema`).toBeDefined();
    }
  });

  it('generates a valid OpenAPI 3.1 document with every route', async () => {
    const document = openApiDocument(contract, { version: 'test' });
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item));
    const routes = AREAS.flatMap((area) => Object.values(ROUTES[area] as Record<string, string>));
    expect(operations.length).toBe(routes.filter((route) => !route.endsWith('$default')).length);
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
  });
});
