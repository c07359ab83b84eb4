import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { SupportSearchResult } from '@arbor/shared/support/search';
import { type Client, signedIn } from '../support/api.js';
import { streamSettled } from '../support/stand-ins.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { db } from '../../src/lib/aws.js';
import { queryAll } from '../../src/lib/db.js';
import { env } from '../../src/lib/env.js';
import { backfillSearchTokens } from '../../src/support/search-backfill.js';
import { syncMemberSearchTokens } from '../../src/support/repository/search.js';

type Page = { items: SupportSearchResult[]; cursor: string | null };
type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };

let root: Member, taylor: Member, bakerTaylor: Member, jose: Member, customer: Member, staffMember: Member;
let support: Client, admin: Client, partner: Client, customerClient: Client;
const crowd: Member[] = [];

beforeAll(async () => {
  await putCompanySettings();
  root = await partnerUnder(null, { firstName: 'Root', lastName: 'Founder', displayName: 'Root Founder' });
  taylor = await partnerUnder(root, {
    firstName: 'Taylor',
    lastName: 'Baker',
    displayName: 'Taylor Baker',
    username: 'tbaker.search',
    email: 'taylor.baker.search@example.com',
    phone: '+1 (512) 555-0142',
    companyName: 'Baker & Sons Wellness',
  });
  // The same two names the other way round.
  bakerTaylor = await partnerUnder(root, {
    firstName: 'Baker',
    lastName: 'Taylor',
    displayName: 'Baker Taylor',
    username: 'btaylor.search',
    email: 'b.taylor.search@example.com',
  });
  jose = await partnerUnder(root, {
    firstName: 'José',
    lastName: 'Pérez',
    displayName: 'José Pérez',
    username: 'jperez.search',
    email: 'jose.perez.search@example.com',
    market: 'MX',
    language: 'es',
  });
  customer = await createTestMember({
    role: 'customer',
    firstName: 'Casey',
    lastName: 'Shopper',
    displayName: 'Casey Shopper',
    username: 'casey.search',
    email: 'casey.search@example.com',
    sponsorId: root.id,
    sponsorPath: [root.id],
  });
  // A staff account with a name everyone searches for: never offered.
  staffMember = await createTestMember({
    role: 'support',
    firstName: 'Taylor',
    lastName: 'Baker',
    displayName: 'Taylor Baker',
    username: 'staff.taylor',
    email: 'staff.taylor.search@example.com',
  });
  // Thirty Quinns, for paging.
  for (let i = 0; i < 30; i++) {
    crowd.push(
      await partnerUnder(root, {
        firstName: 'Quinn',
        lastName: `Crowd${String(i).padStart(2, '0')}`,
        displayName: `Quinn Crowd${i}`,
        username: `quinn.crowd${i}`,
        email: `quinn.crowd${i}.search@example.com`,
      }),
    );
  }
  support = await signedIn(staffMember);
  admin = await signedIn(await createTestMember({ role: 'admin', username: 'admin.search' }));
  partner = await signedIn(root);
  customerClient = await signedIn(customer);
  await streamSettled();
});

const search = (q: string, extra = '', as: Client = support) =>
  as.get<Page>(`/api/support/search?q=${encodeURIComponent(q)}${extra}`);

async function found(q: string): Promise<SupportSearchResult[]> {
  const response = await search(q);
  expect(response.status).toBe(200);
  return response.body.items;
}

const ids = (items: SupportSearchResult[]) => items.map((item) => item.id);

describe('each way of finding a member', () => {
  it('finds by ID first, exactly', async () => {
    const items = await found(taylor.id);
    expect(items[0]).toMatchObject({ id: taylor.id, matchedOn: 'id', matched: taylor.id, displayName: 'Taylor Baker' });
    expect(items[0]).toMatchObject({ kind: 'partner', status: 'active', email: taylor.email, market: 'US' });
  });

  it('finds by username and by email, exactly and by their start', async () => {
    expect((await found('tbaker.search'))[0]).toMatchObject({ id: taylor.id, matchedOn: 'username' });
    expect((await found('TBAKER.SEARCH'))[0]).toMatchObject({ id: taylor.id, matchedOn: 'username' });
    expect((await found('taylor.baker.search@example.com'))[0]).toMatchObject({
      id: taylor.id,
      matchedOn: 'email',
      matched: 'taylor.baker.search@example.com',
    });
    expect(await found('tbaker.sea')).toEqual([expect.objectContaining({ id: taylor.id, matchedOn: 'username' })]);
  });

  it('finds by both names in either order, and lists whole-name matches first', async () => {
    const straight = await found('Taylor Baker');
    expect(ids(straight).sort()).toEqual([taylor.id, bakerTaylor.id].sort());
    expect(straight.every((item) => item.matchedOn === 'name')).toBe(true);
    const reversed = await found('baker taylor');
    expect(ids(reversed).sort()).toEqual([taylor.id, bakerTaylor.id].sort());
    expect(straight[0]!.matched).toMatch(/Taylor|Baker/);
  });

  it('finds by first name alone and by word prefixes', async () => {
    expect(ids(await found('taylor'))).toEqual(expect.arrayContaining([taylor.id, bakerTaylor.id]));
    expect(ids(await found('tay bak'))).toEqual(expect.arrayContaining([taylor.id, bakerTaylor.id]));
    expect(ids(await found('Quinn'))).toHaveLength(25);
  });

  it('ignores accents and case', async () => {
    expect((await found('jose'))[0]).toMatchObject({ id: jose.id, matchedOn: 'name', matched: 'José Pérez' });
    expect((await found('PEREZ JOSE'))[0]).toMatchObject({ id: jose.id });
    expect((await found('Pérez'))[0]).toMatchObject({ id: jose.id });
  });

  it('finds by the last digits of a phone, formatting ignored', async () => {
    for (const q of ['555 0142', '5550142', '+1 512-555-0142', '(512) 555 0142']) {
      expect((await found(q))[0], q).toMatchObject({ id: taylor.id, matchedOn: 'phone', matched: '+1 (512) 555-0142' });
    }
    expect(await found('555 0143')).toEqual([]);
  });

  it('finds by company name', async () => {
    expect(await found('sons wellness')).toEqual([
      expect.objectContaining({ id: taylor.id, matchedOn: 'company', matched: 'Baker & Sons Wellness' }),
    ]);
  });

  it('finds customers too, never staff', async () => {
    expect((await found('casey shopper'))[0]).toMatchObject({ id: customer.id, kind: 'customer' });
    expect(ids(await found('Taylor Baker'))).not.toContain(staffMember.id);
    expect(await found('staff.taylor')).toEqual([]);
    expect(await found(staffMember.id)).toEqual([]);
  });

  it('finds a member by the last 4 of a card added to its account, and no longer once it is removed', async () => {
    expect(await found('5556')).toEqual([]);
    const added = await support.post<{ method: { id: string } }>(`/api/members/${jose.id}/payment-methods`, {
      card: { number: '4000056655665556', expMonth: 12, expYear: 2035, cvc: '123', holder: 'José Pérez' },
    });
    expect(added.status).toBe(201);
    // Written with the card itself: found at once.
    expect(await found('5556')).toEqual([
      expect.objectContaining({ id: jose.id, matchedOn: 'card', matched: '••••5556' }),
    ]);
    expect(await found('•••• 5556')).toHaveLength(1);
    // A second card with the same last 4 lists the member once.
    await support.post(`/api/members/${jose.id}/payment-methods`, {
      card: { number: '4000056655665556', expMonth: 1, expYear: 2036, cvc: '123', holder: 'José Pérez' },
    });
    expect(await found('5556')).toHaveLength(1);
    for (const method of (await support.get<{ items: { id: string }[] }>(`/api/members/${jose.id}/payment-methods`))
      .body.items) {
      expect((await support.request('DELETE', `/api/members/${jose.id}/payment-methods/${method.id}`)).status).toBe(
        204,
      );
    }
    expect(await found('5556')).toEqual([]);
  });
});

describe('the index follows the profile', () => {
  it('a changed name and email find the member; the old ones no longer do', async () => {
    const member = await partnerUnder(root, {
      firstName: 'Morgan',
      lastName: 'Oldname',
      displayName: 'Morgan Oldname',
      username: 'morgan.search',
      email: 'morgan.old.search@example.com',
    });
    await streamSettled();
    expect(ids(await found('morgan oldname'))).toEqual([member.id]);
    const { body } = await support.get<{ member: { version: number } }>(`/api/members/${member.id}`);
    const changed = await support.request('PATCH', `/api/members/${member.id}`, {
      version: body.member.version,
      lastName: 'Newname',
      displayName: 'Morgan Newname',
      email: 'morgan.new.search@example.com',
      reason: 'Married, new name on the phone',
    });
    expect(changed.status).toBe(200);
    // Before the stream runs, the old token no longer matches the profile, so it finds nobody.
    expect(await found('oldname')).toEqual([]);
    await streamSettled();
    expect(ids(await found('morgan newname'))).toEqual([member.id]);
    expect((await found('morgan.new.search@example.com'))[0]).toMatchObject({ id: member.id, matchedOn: 'email' });
    expect(await found('oldname')).toEqual([]);
    expect(await found('morgan.old.search@example.com')).toEqual([]);
  });
});

describe('keeping the index from the stream', () => {
  it('applies a profile change idempotently: a retried record leaves the same tokens', async () => {
    const before = await partnerUnder(root, {
      firstName: 'Harper',
      lastName: 'Retry',
      displayName: 'Harper Retry',
      username: 'harper.search',
      email: 'harper.search@example.com',
    });
    await streamSettled();
    const after = { ...before, lastName: 'Again', displayName: 'Harper Again', version: 2 };
    const tokensOf = async () =>
      (
        await Promise.all(
          [
            keys.searchPartition('name', 'retry'),
            keys.searchPartition('name', 'again'),
            keys.searchPartition('pair', 'again harper'),
          ].map((pk) => queryAll({ pk })),
        )
      )
        .flat()
        .filter((item) => item.memberId === before.id)
        .map((item) => String(item.SK))
        .sort();
    expect(await tokensOf()).toEqual([`retry#${before.id}`]);
    // Out: retry and the pair "harper retry"; in: again, "again harper", and harper with its new words.
    expect(await syncMemberSearchTokens(before, after)).toBe(5);
    const once = await tokensOf();
    expect(once).toEqual([`again harper#${before.id}`, `again#${before.id}`]);
    // The same record again (a batch retried from an earlier record), then nothing left to do.
    await syncMemberSearchTokens(before, after);
    expect(await tokensOf()).toEqual(once);
    expect(await syncMemberSearchTokens(after, after)).toBe(0);
  });
});

describe('paging', () => {
  it('goes beyond the first page with distinct results, and ends', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await search('quinn', `&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...ids(response.body.items));
      cursor = response.body.cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen.sort()).toEqual(crowd.map((m) => m.id).sort());
    expect(pages).toBe(5);
  });

  it('lists a member once across tiers and pages (username, then name, then prefixes)', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await search('taylor', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...ids(response.body.items));
      cursor = response.body.cursor;
    } while (cursor);
    expect(all.sort()).toEqual([taylor.id, bakerTaylor.id].sort());
  });
});

describe('the organization search (genealogy.search)', () => {
  type Nodes = { items: { id: string }[] };

  it('finds anyone for staff the way the console does, and only the downline for a partner', async () => {
    const staffNodes = await support.get<Nodes>(`/api/genealogy/search?q=${encodeURIComponent('baker taylor')}`);
    expect(staffNodes.body.items.map((n) => n.id).sort()).toEqual([taylor.id, bakerTaylor.id].sort());
    const byEmail = await support.get<Nodes>(`/api/genealogy/search?q=${encodeURIComponent(jose.email)}`);
    expect(byEmail.body.items.map((n) => n.id)).toEqual([jose.id]);
    // Taylor's downline is empty: a partner never finds anyone outside it.
    const fromTaylor = await signedIn(taylor);
    expect((await fromTaylor.get<Nodes>('/api/genealogy/search?q=jose')).body.items).toEqual([]);
    expect((await fromTaylor.get<Nodes>('/api/genealogy/search?q=baker')).body.items).toEqual([]);
    expect((await partner.get<Nodes>('/api/genealogy/search?q=jose')).body.items.map((n) => n.id)).toEqual([jose.id]);
  });
});

describe('who may search, and bad input', () => {
  it('answers partners and customers 403, admins 200', async () => {
    expect((await search('taylor', '', partner)).status).toBe(403);
    expect((await search('taylor', '', customerClient)).status).toBe(403);
    expect((await search('taylor', '', admin)).status).toBe(200);
  });

  it('refuses a missing, empty or overlong q, a bad limit and a bad cursor with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/support/search', 'query.q'],
      ['/api/support/search?q=', 'query.q'],
      ['/api/support/search?q=%20%20', 'query.q'],
      [`/api/support/search?q=${'a'.repeat(101)}`, 'query.q'],
      ['/api/support/search?q=a%00b', 'query.q'],
      ['/api/support/search?q=quinn&limit=0', 'query.limit'],
      ['/api/support/search?q=quinn&limit=101', 'query.limit'],
      ['/api/support/search?q=quinn&limit=abc', 'query.limit'],
      ['/api/support/search?q=quinn&cursor=!!', 'query.cursor'],
      ['/api/support/search?q=quinn&cursor=bm90LWpzb24', 'query.cursor'],
      [`/api/support/search?q=quinn&cursor=${Buffer.from('{"s":99}').toString('base64url')}`, 'query.cursor'],
      [
        `/api/support/search?q=quinn&cursor=${Buffer.from('{"s":1,"k":"zzz#1"}').toString('base64url')}`,
        'query.cursor',
      ],
      [`/api/support/search?q=quinn&cursor=${Buffer.from('{"s":"1"}').toString('base64url')}`, 'query.cursor'],
      [`/api/support/search?q=quinn&cursor=${Buffer.from('[1]').toString('base64url')}`, 'query.cursor'],
    ];
    for (const [path, field] of cases) {
      const response = await support.get<ErrorBody>(path);
      expect(response.status, path).toBe(400);
      expect(
        response.body.error.details.map((d) => d.field),
        path,
      ).toContain(field);
    }
  });

  it('answers odd but valid queries with a list, never a 5xx', async () => {
    for (const q of ['#', '%', '"', "o'", 'a', '1', '+', '••••', '@', 'x'.repeat(100), '日本', '😀 😀']) {
      const response = await search(q);
      expect(response.status, q).toBe(200);
    }
  });
});

describe('the backfill', () => {
  it('indexes members and cards of a table from before the index, and can run again', async () => {
    const member = await partnerUnder(root, {
      firstName: 'Avery',
      lastName: 'Backfilled',
      displayName: 'Avery Backfilled',
      username: 'avery.search',
      email: 'avery.search@example.com',
    });
    await support.post(`/api/members/${member.id}/payment-methods`, {
      card: { number: '5555555555554444', expMonth: 12, expYear: 2035, cvc: '123', holder: 'Avery Backfilled' },
    });
    await streamSettled();
    expect(ids(await found('avery backfilled'))).toEqual([member.id]);
    // As if written before the index existed: its tokens gone.
    const own = (item: Record<string, unknown>) => item.memberId === member.id;
    const tokens = (await queryAll({ pk: keys.searchPartition('name', 'backfilled') })).filter(own);
    const cardTokens = (await queryAll({ pk: keys.searchPartition('card', '4444') })).filter(own);
    expect(tokens).toHaveLength(1);
    expect(cardTokens).toHaveLength(1);
    for (const item of [...tokens, ...cardTokens]) {
      await db().send(new DeleteCommand({ TableName: env.tableName(), Key: { PK: item.PK, SK: item.SK } }));
    }
    expect(await found('backfilled')).toEqual([]);
    expect(ids(await found('4444'))).not.toContain(member.id);

    expect(await backfillSearchTokens()).toBeGreaterThan(30);
    expect(ids(await found('backfilled'))).toEqual([member.id]);
    expect(await found('4444')).toEqual([expect.objectContaining({ id: member.id, matchedOn: 'card' })]);
    await backfillSearchTokens();
    expect(ids(await found('backfilled'))).toEqual([member.id]);
  });
});
