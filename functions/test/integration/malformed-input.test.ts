/**
 * Malformed input on every parameter of every route is a 4xx, never a 5xx:
 * odd path values, nonsense query strings and broken or ill-typed bodies, as
 * an anonymous caller, a partner and an admin (so the checks behind the
 * session and the role are reached too). Walks the wiring, so a new route is
 * covered the day it is declared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@arbor/shared/members/model';
import { httpRoutes, type HttpRoute } from '../../src/wiring.js';
import { Client } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';

const PATH_VALUES = [
  'x',
  '0',
  '-1',
  '99999999999999999999999',
  'me',
  "a'b%22c",
  '%00',
  '%E0%A4%A',
  '%F0%9F%92%A9',
  '..%2F..%2Fadmin',
  'x'.repeat(400),
];

const QUERY =
  '?limit=-1&limit=abc&cursor=%25%25%25&of=..%2F1&member=%00&status=nope&type=1&from=2026-13-45&to=x&tree=zzz&q=' +
  'q'.repeat(2000);

/** Bodies as a careless or hostile client sends them: raw text, or JSON of the wrong shape. */
const RAW_BODIES = ['not json', '{"a":', '[]', 'null', '"text"', '12', '{"__proto__":{"admin":true}}'];
const JSON_BODIES: unknown[] = [
  {},
  { version: 'one', reason: 5, items: 'all', lines: [{ sku: null, quantity: 1e308 }], payment: [] },
  { email: { $ne: null }, password: ['x'], login: 1, card: { number: 4242 }, amount: -1, status: {} },
  { nested: JSON.parse('{"a":'.repeat(60) + '1' + '}'.repeat(60)) as unknown },
  { big: 'x'.repeat(300_000) },
];

const fill = (route: HttpRoute, value: string) => route.path.replace(/\{[^}]+\}/g, value);
const routes = httpRoutes.filter((route) => route.path !== '$default');

let partner: Member, admin: Member;

async function as(member: Member | null) {
  const client = new Client();
  if (member) await client.signIn(member.username, TEST_PASSWORD);
  return client;
}

beforeAll(async () => {
  await putCompanySettings();
  admin = await createTestMember({ role: 'admin' });
  partner = await partnerUnder(null);
});

describe('malformed input never answers 5xx', () => {
  for (const who of ['anonymous', 'partner', 'admin'] as const) {
    it(`as ${who}: odd path values, nonsense queries and broken bodies on every route`, async () => {
      const failures: string[] = [];
      const check = async (client: Client, method: string, path: string, send?: { raw?: string; json?: unknown }) => {
        const answer =
          send?.raw !== undefined
            ? await client.request(method, path, undefined, { rawBody: send.raw })
            : await client.request(method, path, send?.json);
        if (answer.status >= 500)
          failures.push(
            `${method} ${path.slice(0, 120)} ${send ? JSON.stringify(send).slice(0, 80) : ''} -> ${answer.status}`,
          );
      };
      for (const route of routes) {
        // A fresh session per route: a route that ends the session (sign-out) must not hide the others.
        const client = await as(who === 'anonymous' ? null : who === 'partner' ? partner : admin);
        const method = route.method === 'ANY' ? 'GET' : route.method;
        const hasParams = route.path.includes('{');
        for (const value of hasParams ? PATH_VALUES : ['']) {
          const path = hasParams ? fill(route, value) : route.path;
          await check(client, method, `${path}${QUERY}`);
        }
        if (method !== 'GET') {
          const path = fill(route, 'x');
          for (const raw of RAW_BODIES) await check(client, method, path, { raw });
          for (const json of JSON_BODIES) await check(client, method, path, { json });
        }
      }
      expect(failures).toEqual([]);
    }, 240_000);
  }
});
