import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@arbor/shared/members/model';
import type { ArticleView, NewsDetail, NewsSummary, NoteView } from '@arbor/shared/news/model';
import { type Client, signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type Feed = { items: NewsSummary[]; cursor: string | null };

const HOUR = 3_600_000;
const at = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR).toISOString();

const article = (overrides: Record<string, unknown> = {}) => ({
  versions: { en: { title: 'Spring launch', body: 'Our **new** line arrives.' } },
  audience: { markets: [], roles: ['customer', 'partner'] },
  publishAt: at(-1),
  ...overrides,
});

const note = (overrides: Record<string, unknown> = {}) => ({
  title: 'Team call on Monday',
  body: 'Join us at *7 pm*.',
  publishAt: at(-1),
  ...overrides,
});

/*
 * The tree (placement / enroller):
 *   root ── author ── placedUnder (placed under author, enrolled by root)
 *        │         └─ customer (enrolled by author)
 *        ├─ enrolledBy (enrolled by author, placed under root: only in author's enroller tree)
 *        ├─ outsider (a partner beside author)
 *        └─ mexican (a partner in MX)
 */
let root: Member, author: Member, placedUnder: Member, enrolledBy: Member, customer: Member, outsider: Member;
let mexican: Member, admin: Member, support: Member;
const as: Record<string, Client> = {};

beforeAll(async () => {
  await putCompanySettings();
  root = await partnerUnder(null);
  author = await partnerUnder(root);
  placedUnder = await partnerUnder(author, { sponsorId: root.id, sponsorPath: [root.id] });
  enrolledBy = await partnerUnder(root, {
    sponsorId: author.id,
    sponsorPath: [root.id, author.id],
    language: 'es',
  });
  customer = await createTestMember({
    role: 'customer',
    sponsorId: author.id,
    sponsorPath: [root.id, author.id],
  });
  outsider = await partnerUnder(root);
  mexican = await partnerUnder(root, { market: 'MX', language: 'es' });
  admin = await createTestMember({ role: 'admin' });
  support = await createTestMember({ role: 'support' });
  const members = { root, author, placedUnder, enrolledBy, customer, outsider, mexican, admin, support };
  await Promise.all(Object.entries(members).map(async ([name, m]) => (as[name] = await signedIn(m))));
});

const client = (name: string) => as[name] as Client;

async function publish(body: Record<string, unknown>): Promise<ArticleView> {
  const response = await client('admin').post<{ article: ArticleView }>('/api/admin/news', body);
  expect(response.status).toBe(201);
  return response.body.article;
}

async function feedIds(name: string, limit = 50): Promise<string[]> {
  const response = await client(name).get<Feed>(`/api/news?limit=${limit}`);
  expect(response.status).toBe(200);
  return response.body.items.map((item) => item.id);
}

describe('bad input writes nothing', () => {
  it('an expiry before the publication is a 400 naming body.expiresAt, and no article is stored', async () => {
    const before = (await client('admin').get<{ items: ArticleView[] }>('/api/admin/news')).body.items.length;
    const response = await client('admin').post<ErrorBody>(
      '/api/admin/news',
      article({ publishAt: at(24), expiresAt: at(1) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.field)).toContain('body.expiresAt');
    const after = (await client('admin').get<{ items: ArticleView[] }>('/api/admin/news')).body.items.length;
    expect(after).toBe(before);
  });

  it('a note expiring before it is published is refused the same way', async () => {
    const response = await client('author').post<ErrorBody>('/api/news/notes', note({ expiresAt: at(-2) }));
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.field)).toContain('body.expiresAt');
    expect((await client('author').get<{ items: NoteView[] }>('/api/news/notes')).body.items).toHaveLength(0);
  });

  it('an article with no version, no role or a bad market names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [article({ versions: {} }), 'body.versions'],
      [article({ audience: { roles: [] } }), 'body.audience.roles'],
      [article({ audience: { roles: ['partner'], markets: ['usa'] } }), 'body.audience.markets.0'],
      [article({ publishAt: 'tomorrow' }), 'body.publishAt'],
    ];
    for (const [body, field] of cases) {
      const response = await client('admin').post<ErrorBody>('/api/admin/news', body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.details.map((d) => d.field)).toContain(field);
    }
  });

  it('malformed ids and cursors are 400s, never 5xx', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/news/not-an-id'],
      ['GET', '/api/news/n123'],
      ['PUT', '/api/admin/news/x%20y', { ...article(), version: 1 }],
      ['DELETE', '/api/admin/news/NABCDEF'],
      ['PUT', '/api/news/notes/N0000', { ...note(), version: 1 }],
      ['DELETE', '/api/news/notes/n%00'],
      ['GET', '/api/news?cursor=bm90IGEgY3Vyc29y'],
      ['GET', '/api/news?limit=0'],
      ['GET', '/api/news?cursor=%24%24'],
    ];
    for (const [method, path, body] of calls) {
      const caller = path.startsWith('/api/admin') ? client('admin') : client('author');
      const response = await caller.request<ErrorBody>(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(400);
    }
  });
});

describe('articles appear between their dates, to their audience', () => {
  let live: ArticleView, scheduled: ArticleView, expired: ArticleView, customersOnly: ArticleView;
  let mexicoOnly: ArticleView, spanish: ArticleView;

  beforeAll(async () => {
    live = await publish(article({ expiresAt: at(48) }));
    scheduled = await publish(article({ publishAt: at(24) }));
    expired = await publish(article({ publishAt: at(-48), expiresAt: at(-24) }));
    customersOnly = await publish(article({ audience: { roles: ['customer'] } }));
    mexicoOnly = await publish(article({ audience: { roles: ['partner'], markets: ['MX'] } }));
    spanish = await publish(
      article({
        versions: {
          en: { title: 'Price update', body: 'New prices.' },
          es: { title: 'Nuevos precios', body: 'Precios **nuevos**.' },
        },
      }),
    );
  });

  it('the admin list shows every article with its status', async () => {
    const items = (await client('admin').get<{ items: ArticleView[] }>('/api/admin/news')).body.items;
    const status = new Map(items.map((item) => [item.id, item.status]));
    expect(status.get(live.id)).toBe('live');
    expect(status.get(scheduled.id)).toBe('scheduled');
    expect(status.get(expired.id)).toBe('expired');
    const one = await client('support').get<{ article: ArticleView }>(`/api/admin/news/${scheduled.id}`);
    expect(one.body.article).toMatchObject({ id: scheduled.id, status: 'scheduled' });
  });

  it('a reader sees live articles only: not before publication, not after expiry', async () => {
    const ids = await feedIds('outsider');
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(scheduled.id);
    expect(ids).not.toContain(expired.id);
    expect((await client('outsider').get(`/api/news/${scheduled.id}`)).status).toBe(404);
    expect((await client('outsider').get(`/api/news/${expired.id}`)).status).toBe(404);
    expect((await client('outsider').get(`/api/news/${live.id}`)).status).toBe(200);
  });

  it('the audience decides by kind of member and market', async () => {
    const partnerUs = await feedIds('outsider');
    expect(partnerUs).not.toContain(customersOnly.id);
    expect(partnerUs).not.toContain(mexicoOnly.id);
    const partnerMx = await feedIds('mexican');
    expect(partnerMx).toContain(mexicoOnly.id);
    expect(partnerMx).not.toContain(customersOnly.id);
    const customerUs = await feedIds('customer');
    expect(customerUs).toContain(customersOnly.id);
    expect(customerUs).not.toContain(mexicoOnly.id);
    expect((await client('outsider').get(`/api/news/${customersOnly.id}`)).status).toBe(404);
    expect((await client('customer').get(`/api/news/${mexicoOnly.id}`)).status).toBe(404);
  });

  it('staff read every current article, whatever its audience, and nothing outside its dates', async () => {
    const ids = await feedIds('support');
    expect(ids).toEqual(expect.arrayContaining([live.id, customersOnly.id, mexicoOnly.id, spanish.id]));
    expect(ids).not.toContain(scheduled.id);
    expect(ids).not.toContain(expired.id);
  });

  it('a reader gets its own language, else the other one; the body comes as HTML without raw HTML', async () => {
    const es = await client('mexican').get<{ item: NewsDetail }>(`/api/news/${spanish.id}`);
    expect(es.body.item).toMatchObject({ language: 'es', title: 'Nuevos precios' });
    expect(es.body.item.html).toContain('<strong>nuevos</strong>');
    const en = await client('outsider').get<{ item: NewsDetail }>(`/api/news/${spanish.id}`);
    expect(en.body.item).toMatchObject({ language: 'en', title: 'Price update' });
    const fallback = await client('mexican').get<{ item: NewsDetail }>(`/api/news/${mexicoOnly.id}`);
    expect(fallback.body.item).toMatchObject({ language: 'en', title: 'Spring launch' });

    const script = await publish(article({ versions: { en: { title: 'x', body: '<script>alert(1)</script>' } } }));
    const html = (await client('outsider').get<{ item: NewsDetail }>(`/api/news/${script.id}`)).body.item.html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('an admin edits with the version read; a stale version is a 409', async () => {
    const body = { ...article({ versions: { en: { title: 'Edited', body: 'Edited.' } } }), version: live.version };
    const first = await client('admin').request<{ article: ArticleView }>('PUT', `/api/admin/news/${live.id}`, body);
    expect(first.status).toBe(200);
    expect(first.body.article.version).toBe(live.version + 1);
    const stale = await client('admin').request<ErrorBody>('PUT', `/api/admin/news/${live.id}`, body);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('the feed pages newest first without repeating or losing an item', async () => {
    const all = await feedIds('support');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await client('support').get<Feed>(`/api/news?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const feed = (await client('support').get<Feed>('/api/news')).body.items;
    const times = feed.map((item) => item.publishAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('a deleted article is gone; deleting it again is a 404', async () => {
    const doomed = await publish(article());
    expect((await client('admin').request('DELETE', `/api/admin/news/${doomed.id}`)).status).toBe(204);
    expect(await feedIds('outsider')).not.toContain(doomed.id);
    expect((await client('admin').request('DELETE', `/api/admin/news/${doomed.id}`)).status).toBe(404);
  });
});

describe("a partner's note reaches its downline in either tree, and no one else", () => {
  let posted: NoteView;

  beforeAll(async () => {
    const response = await client('author').post<{ note: NoteView }>('/api/news/notes', note({ expiresAt: at(24) }));
    expect(response.status).toBe(201);
    posted = response.body.note;
  });

  it('the placement downline, the enroller downline and enrolled customers read it', async () => {
    for (const reader of ['placedUnder', 'enrolledBy', 'customer']) {
      expect(await feedIds(reader), reader).toContain(posted.id);
      const item = await client(reader).get<{ item: NewsDetail }>(`/api/news/${posted.id}`);
      expect(item.status, reader).toBe(200);
      expect(item.body.item.author).toEqual({ id: author.id, name: author.displayName });
      expect(item.body.item.html).toContain('<em>7 pm</em>');
    }
  });

  it('the upline, a partner beside the author and staff do not', async () => {
    for (const reader of ['root', 'outsider', 'mexican', 'support', 'admin']) {
      expect(await feedIds(reader), reader).not.toContain(posted.id);
      expect((await client(reader).get(`/api/news/${posted.id}`)).status, reader).toBe(404);
    }
  });

  it('a scheduled or expired note is not shown yet or any more', async () => {
    const later = await client('author').post<{ note: NoteView }>('/api/news/notes', note({ publishAt: at(2) }));
    const over = await client('author').post<{ note: NoteView }>(
      '/api/news/notes',
      note({ publishAt: at(-5), expiresAt: at(-4) }),
    );
    expect(later.body.note.status).toBe('scheduled');
    expect(over.body.note.status).toBe('expired');
    const ids = await feedIds('placedUnder');
    expect(ids).not.toContain(later.body.note.id);
    expect(ids).not.toContain(over.body.note.id);
    const mine = (await client('author').get<{ items: NoteView[] }>('/api/news/notes')).body.items.map((n) => n.id);
    expect(mine).toEqual(expect.arrayContaining([posted.id, later.body.note.id, over.body.note.id]));
  });

  it("another partner can neither change nor delete the author's note (404), nor see it among its own", async () => {
    const body = { ...note({ title: 'Hijacked' }), version: posted.version };
    expect((await client('outsider').request('PUT', `/api/news/notes/${posted.id}`, body)).status).toBe(404);
    expect((await client('root').request('DELETE', `/api/news/notes/${posted.id}`)).status).toBe(404);
    expect((await client('outsider').get<{ items: NoteView[] }>('/api/news/notes')).body.items).toHaveLength(0);
    const still = await client('placedUnder').get<{ item: NewsDetail }>(`/api/news/${posted.id}`);
    expect(still.body.item.title).toBe('Team call on Monday');
  });

  it('nor can an admin change a note through the article routes, or a partner an article through the note routes', async () => {
    const asArticle = { ...article(), version: posted.version };
    expect((await client('admin').request('PUT', `/api/admin/news/${posted.id}`, asArticle)).status).toBe(404);
    expect((await client('admin').request('DELETE', `/api/admin/news/${posted.id}`)).status).toBe(404);
    const someArticle = await publish(article());
    const asNote = { ...note(), version: someArticle.version };
    expect((await client('author').request('PUT', `/api/news/notes/${someArticle.id}`, asNote)).status).toBe(404);
    expect((await client('author').request('DELETE', `/api/news/notes/${someArticle.id}`)).status).toBe(404);
  });

  it('the author edits and deletes its own note', async () => {
    const body = { ...note({ title: 'Team call moved to Tuesday' }), version: posted.version };
    const edited = await client('author').request<{ note: NoteView }>('PUT', `/api/news/notes/${posted.id}`, body);
    expect(edited.status).toBe(200);
    const read = await client('enrolledBy').get<{ item: NewsDetail }>(`/api/news/${posted.id}`);
    expect(read.body.item.title).toBe('Team call moved to Tuesday');
    expect((await client('author').request('DELETE', `/api/news/notes/${posted.id}`)).status).toBe(204);
    expect(await feedIds('enrolledBy')).not.toContain(posted.id);
  });
});

describe('each route against each role', () => {
  const ROLES = ['customer', 'author', 'support', 'admin'] as const;
  // Expected statuses for [customer, partner, support, admin]; ids that exist nowhere answer 404 past the role check.
  const MISSING = 'n00000000000000000000';
  const ROUTES: [string, string, unknown, readonly [number, number, number, number]][] = [
    ['GET', '/api/news', undefined, [200, 200, 200, 200]],
    ['GET', `/api/news/${MISSING}`, undefined, [404, 404, 404, 404]],
    ['POST', '/api/news/preview', { body: '# Hi' }, [403, 200, 200, 200]],
    ['GET', '/api/admin/news', undefined, [403, 403, 200, 200]],
    ['GET', `/api/admin/news/${MISSING}`, undefined, [403, 403, 404, 404]],
    ['POST', '/api/admin/news', article(), [403, 403, 403, 201]],
    ['PUT', `/api/admin/news/${MISSING}`, { ...article(), version: 1 }, [403, 403, 403, 404]],
    ['DELETE', `/api/admin/news/${MISSING}`, undefined, [403, 403, 403, 404]],
    ['GET', '/api/news/notes', undefined, [403, 200, 403, 403]],
    ['POST', '/api/news/notes', note(), [403, 201, 403, 403]],
    ['PUT', `/api/news/notes/${MISSING}`, { ...note(), version: 1 }, [403, 404, 403, 403]],
    ['DELETE', `/api/news/notes/${MISSING}`, undefined, [403, 404, 403, 403]],
  ];

  it.each(ROUTES)('%s %s', async (method, path, body, expected) => {
    const statuses = [];
    for (const role of ROLES) statuses.push((await client(role).request(method, path, body)).status);
    expect(statuses).toEqual([...expected]);
  });

  it('signed out, every route is a 401', async () => {
    const { Client } = await import('../support/api.js');
    const anonymous = new Client();
    for (const [method, path, body] of ROUTES) {
      expect((await anonymous.request(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
  });
});
