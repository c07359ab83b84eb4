import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../src/local/api-gateway.js';

describe('local API Gateway route matching', () => {
  it('matches methods and path parameters like API Gateway', () => {
    const matched = matchRoute('GET', '/api/support/members/1042/login-history');
    expect(matched?.route.name).toBe('memberLoginHistory');
    expect(matched?.pathParameters).toEqual({ id: '1042' });
  });

  it('falls through to $default for unknown paths and wrong methods', () => {
    expect(matchRoute('GET', '/api/nothing')?.route.name).toBe('notFound');
    expect(matchRoute('DELETE', '/api/auth/sign-in')?.route.name).toBe('notFound');
  });
});
