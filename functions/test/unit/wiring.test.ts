import { describe, expect, it } from 'vitest';
import { AREAS, areaEntry, httpRoutes, queueConsumers, routeKey } from '../../src/wiring.js';

describe('wiring', () => {
  it('has one route per method and path', () => {
    const routeKeys = httpRoutes.map(routeKey);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
  });

  it.each(AREAS)('area %s has a router whose handlers match the wiring exactly', async (area) => {
    // areaRouter throws at import when a route has no handler or a handler no route.
    const module = (await import(`../../src/${areaEntry(area)}`)) as { handler: unknown };
    expect(typeof module.handler).toBe('function');
    expect(httpRoutes.some((route) => route.area === area)).toBe(true);
  });

  it('every queue consumer module exists and exports a handler', async () => {
    for (const consumer of queueConsumers) {
      const module = (await import(`../../src/${consumer.entry}`)) as { handler: unknown };
      expect(typeof module.handler).toBe('function');
      expect(consumer.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(consumer.timeoutSeconds * 6);
    }
  });
});
