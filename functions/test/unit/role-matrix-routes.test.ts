import { describe, expect, it } from 'vitest';
import { httpRoutes, routeKey } from '../../src/wiring.js';
import { MEMBER_TARGET_ROUTES, NOT_MEMBER_TARGET } from '../support/role-matrix.js';

describe('role matrix coverage', () => {
  const mutating = httpRoutes.filter((route) => route.method !== 'GET').map(routeKey);

  it('every mutating route of the wiring is in the role matrix or says why it is not', () => {
    const unaccounted = mutating.filter((key) => !(key in MEMBER_TARGET_ROUTES) && !(key in NOT_MEMBER_TARGET));
    expect(unaccounted).toEqual([]);
  });

  it('every mutating route that names a member in its path is in the matrix', () => {
    const memberPaths = mutating.filter((key) => key.includes('/api/members/{id}'));
    expect(memberPaths.filter((key) => !(key in MEMBER_TARGET_ROUTES))).toEqual([]);
  });

  it('names no route the wiring does not have, and none twice', () => {
    const all = new Set(httpRoutes.map(routeKey));
    const listed = [...Object.keys(MEMBER_TARGET_ROUTES), ...Object.keys(NOT_MEMBER_TARGET)];
    expect(listed.filter((key) => !all.has(key))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });
});
