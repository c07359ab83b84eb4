import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@arbor/shared/members/model';
import { keys } from '@arbor/shared/keys';
import { httpRoutes } from '../../src/wiring.js';
import { encodeCursor } from '../../src/lib/db.js';
import { Client } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };

/** Every GET route that pages with `cursor` (checked below to be exactly the routes that read it). */
const CURSOR_ROUTES = [
  '/api/auth/login-history',
  '/api/members/{id}/log',
  '/api/genealogy/{tree}/children/{id}',
  '/api/team/unilevel',
  '/api/team/enrolled',
  '/api/team/customers',
  '/api/team/new-partners',
  '/api/team/ranks',
  '/api/team/autoships',
  '/api/orders',
  '/api/support/members/{id}/login-history',
  '/api/support/members/{id}/calls',
  '/api/support/members/{id}/views',
  '/api/support/calls',
  '/api/broadcasts',
  '/api/admin/announcements',
  '/api/members/{id}/points',
  '/api/support/cases',
  '/api/cases',
  '/api/support/search',
];

/** What a route needs besides the cursor to get as far as reading it. */
const REQUIRED_QUERY: Record<string, string> = { '/api/support/search': 'q=taylor&' };
const withCursor = (path: string, cursor: string) => `${fill(path)}?${REQUIRED_QUERY[path] ?? ''}cursor=${cursor}`;

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Garbage and well-formed base64 of JSON that is no start key of ours. */
const FOREIGN = {
  garbage: '!!not a cursor!!',
  'base64 of text': b64('not json at all'),
  'base64 of an array': b64('[1,2,3]'),
  'base64 of a number': b64('42'),
  'base64 of foreign JSON': b64(JSON.stringify({ page: 2, offset: 50 })),
  'base64 of DynamoDB JSON': b64(JSON.stringify({ PK: { S: 'MEMBER#1' }, SK: { S: 'PROFILE' } })),
  'base64 of a key with extra attributes': b64(JSON.stringify({ PK: 'MEMBER#1', SK: 'PROFILE', admin: true })),
  'base64 with a huge value': b64(JSON.stringify({ PK: 'x'.repeat(1100), SK: 'y' })),
  'prefixed garbage': 'c:%%%',
};

let partner: Member, support: Member;
let partnerClient: Client, supportClient: Client;

beforeAll(async () => {
  await putCompanySettings();
  support = await createTestMember({ role: 'support' });
  partner = await partnerUnder(null);
  await partnerUnder(partner);
  await partnerUnder(partner);
  await createTestMember({ role: 'customer', sponsorId: partner.id, sponsorPath: [partner.id] });
  await streamSettled();
  // Two sign-ins: two login events, so login history has a second page.
  await new Client().signIn(partner.username, TEST_PASSWORD);
  partnerClient = new Client();
  await partnerClient.signIn(partner.username, TEST_PASSWORD);
  supportClient = new Client();
  await supportClient.signIn(support.username, TEST_PASSWORD);
});

function fill(path: string): string {
  return path
    .replace('{tree}', 'placement')
    .replace('{id}', partner.id)
    .replace('{siteName}', 'no-such-site')
    .replace('{sku}', 'NO-SUCH-SKU')
    .replace('{code}', 'NO-SUCH-CARD')
    .replace('{periodId}', '2026-01')
    .replace(/\{\w+\}/g, 'x');
}

const clientFor = (path: string) =>
  path.startsWith('/api/support/') || path.startsWith('/api/admin/announcements') ? supportClient : partnerClient;

function expectCursorRefused(response: { status: number; body: ErrorBody }, what: string) {
  expect(response.status, what).toBe(400);
  expect(response.body.error.code, what).toBe('validation_failed');
  expect(response.body.error.details[0]?.field, what).toBe('query.cursor');
}

describe('paging cursors', () => {
  it('the cursor routes listed here are all GET routes of the wiring', () => {
    const gets = httpRoutes.filter((r) => r.method === 'GET').map((r) => r.path);
    for (const path of CURSOR_ROUTES) expect(gets).toContain(path);
  });

  it('every cursor route pages with its own cursor', async () => {
    const first = await partnerClient.get<{ items: unknown[]; cursor: string | null }>(
      '/api/auth/login-history?limit=1',
    );
    expect(first.status).toBe(200);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await partnerClient.get<{ items: unknown[] }>(
      `/api/auth/login-history?limit=1&cursor=${first.body.cursor}`,
    );
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items).not.toEqual(first.body.items);
  });

  it('answers 400 naming the cursor, never 500, for garbage or foreign JSON on every GET route that takes one', async () => {
    const gets = httpRoutes.filter((r) => r.method === 'GET');
    for (const route of gets) {
      for (const [what, cursor] of Object.entries(FOREIGN)) {
        const response = await clientFor(route.path).get<ErrorBody>(withCursor(route.path, encodeURIComponent(cursor)));
        const label = `${route.path} with ${what}`;
        expect(response.status, label).toBeLessThan(500);
        // Routes that do not page ignore the parameter or refuse its shape; either way no 5xx.
        if (CURSOR_ROUTES.includes(route.path)) expectCursorRefused(response, label);
      }
    }
    // Eight requests for each of 60-odd GET routes: more than the default 30 s on a busy machine.
  }, 180_000);

  it('answers 400 for a real cursor of another list', async () => {
    const loginCursor = (await partnerClient.get<{ cursor: string }>('/api/auth/login-history?limit=1')).body.cursor;
    // Cursors as other lists give them out: a downline entry (GSI3 by time) and an order (GSI1).
    const downlineCursor = encodeCursor({
      ...keys.downline(support.id, 1, partner.id),
      GSI3PK: keys.downlinePartition(support.id),
      GSI3SK: keys.downlineByTime('2026-01-01T00:00:00.000Z', partner.id),
    })!;
    const orderCursor = encodeCursor({
      ...keys.order('999999'),
      GSI1PK: keys.memberOrders(support.id),
      GSI1SK: '2026-01-01T00:00:00.000Z',
    })!;
    for (const path of CURSOR_ROUTES) {
      const own = path.includes('login-history') ? [loginCursor] : [];
      for (const cursor of [loginCursor, downlineCursor, orderCursor].filter((c) => !own.includes(c))) {
        const prefixed = path === '/api/team/autoships' ? [cursor, `c:${cursor}`] : [cursor];
        for (const sent of prefixed) {
          const response = await clientFor(path).get<ErrorBody>(withCursor(path, sent));
          expectCursorRefused(response, `${path} with ${Buffer.from(cursor, 'base64url').toString()}`);
        }
      }
    }
  });
});
