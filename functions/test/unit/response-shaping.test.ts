import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { HttpResponse, shaped } from '../../src/lib/http.js';
import { logger } from '../../src/lib/logger.js';

const Schema = z.object({ id: z.string(), total: z.int() });

describe('a response shaped by its contract', () => {
  const strict = process.env.ARBOR_STRICT_RESPONSES;
  afterEach(() => {
    process.env.ARBOR_STRICT_RESPONSES = strict;
    vi.restoreAllMocks();
  });

  it('sends only the fields the contract names', () => {
    const out = shaped(Schema, new HttpResponse(200, { id: 'a', total: 3, passwordHash: 'x' }), 'GET /x');
    expect(out.body).toEqual({ id: 'a', total: 3 });
  });

  it('keeps status, cookies and headers', () => {
    const out = shaped(Schema, new HttpResponse(201, { id: 'a', total: 3 }, ['c=1'], { 'x-a': '1' }), 'POST /x');
    expect([out.status, out.cookies, out.headers]).toEqual([201, ['c=1'], { 'x-a': '1' }]);
  });

  it('is a 500 naming the field on this machine when the body breaks the contract', () => {
    process.env.ARBOR_STRICT_RESPONSES = 'true';
    expect(() => shaped(Schema, new HttpResponse(200, { id: 'a', total: '3' }), 'GET /x')).toThrow(/response\.total/);
  });

  it('in AWS logs the mismatch as an error and sends the body as it is', () => {
    delete process.env.ARBOR_STRICT_RESPONSES;
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const out = shaped(Schema, new HttpResponse(200, { id: 'a', total: '3' }), 'GET /x');
    expect(out.body).toEqual({ id: 'a', total: '3' });
    expect(error).toHaveBeenCalledWith(
      'response does not match its schema',
      expect.objectContaining({ routeKey: 'GET /x' }),
    );
  });

  it('leaves errors, files and empty bodies alone', () => {
    const file = new HttpResponse(200, undefined, [], {}, new Uint8Array([1]));
    expect(shaped(Schema, file, 'GET /x')).toBe(file);
    const empty = new HttpResponse(204);
    expect(shaped(Schema, empty, 'GET /x')).toBe(empty);
    const error = new HttpResponse(400, { error: { code: 'x', message: 'y' } });
    expect(shaped(Schema, error, 'GET /x')).toBe(error);
  });
});
