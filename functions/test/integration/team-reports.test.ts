import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

type Rows = {
  items: { id: string; level: number | null; name: string; pv: number | null; hasOrdered?: boolean }[];
  cursor: string | null;
};

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 *   root ─┬─ a (joined 40 days ago) ─┬─ b (20 days ago) ── d (2 days ago, "Zoë Quintero")
 *         │                          └─ (customer of a: never ordered)
 *         └─ c (10 days ago)
 */
let root: Member, a: Member, b: Member, c: Member, d: Member, customer: Member, outsider: Member;

beforeAll(async () => {
  await putCompanySettings();
  root = await partnerUnder(null, { enrolledAt: daysAgo(400) });
  a = await partnerUnder(root, { enrolledAt: daysAgo(40) });
  b = await partnerUnder(a, { enrolledAt: daysAgo(20) });
  c = await partnerUnder(root, { enrolledAt: daysAgo(10) });
  d = await partnerUnder(b, {
    enrolledAt: daysAgo(2),
    firstName: 'Zoë',
    lastName: 'Quintero',
    displayName: 'Zoë Quintero',
  });
  customer = await createTestMember({
    role: 'customer',
    sponsorId: a.id,
    sponsorPath: [root.id, a.id],
    firstPaidAt: null,
  });
  outsider = await partnerUnder(null);
  await streamSettled();
});

describe('team reports', () => {
  it('lists the unilevel team by level, with a level filter and a name search', async () => {
    const client = await signedIn(root);
    const all = await client.get<Rows>('/api/team/unilevel');
    expect(all.body.items.map((r) => [r.level, r.id])).toEqual([
      [1, a.id],
      [1, c.id],
      [2, b.id],
      [3, d.id],
    ]);
    expect(all.body.items[0]?.pv).toBeNull(); // no commission data yet: empty, not zero
    const level2 = await client.get<Rows>('/api/team/unilevel?level=2');
    expect(level2.body.items.map((r) => r.id)).toEqual([b.id]);
    const search = await client.get<Rows>('/api/team/unilevel?q=zoe');
    expect(search.body.items.map((r) => r.id)).toEqual([d.id]);
  });

  it('pages with an opaque cursor, and every member comes exactly once', async () => {
    const client = await signedIn(root);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Rows } = await client.get<Rows>(
        `/api/team/unilevel?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual([a.id, c.id, b.id, d.id]);
  });

  it('sorts the whole team (not a page) by join date or level, either way, across pages', async () => {
    const client = await signedIn(root);
    const all = async (order: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Rows } = await client.get<Rows>(
          `/api/team/unilevel?limit=1&${order}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((r) => r.id));
        cursor = page.body.cursor;
      } while (cursor);
      return seen;
    };
    expect(await all('sort=joined&dir=desc')).toEqual([d.id, c.id, b.id, a.id]);
    expect(await all('sort=joined&dir=asc')).toEqual([a.id, b.id, c.id, d.id]);
    expect(await all('sort=joined&dir=desc&level=1')).toEqual([c.id, a.id]);
    expect(await all('sort=level&dir=desc')).toEqual([d.id, b.id, c.id, a.id]);
    expect((await client.get<Rows>('/api/team/unilevel?sort=rank')).status).toBe(400);
  });

  it('shows a downline member’s team on request, but never an upline’s or a stranger’s', async () => {
    const client = await signedIn(root);
    const ofA = await client.get<Rows>(`/api/team/unilevel?of=${a.id}`);
    expect(ofA.body.items.map((r) => [r.level, r.id])).toEqual([
      [1, b.id],
      [2, d.id],
    ]);
    const fromA = await signedIn(a);
    expect((await fromA.get(`/api/team/unilevel?of=${root.id}`)).status).toBe(404);
    expect((await fromA.get(`/api/team/unilevel?of=${outsider.id}`)).status).toBe(404);
    const asCustomer = await signedIn(customer);
    expect((await asCustomer.get('/api/team/unilevel')).status).toBe(403);
  });

  it('lists personally enrolled partners, and customers including those who never ordered', async () => {
    const client = await signedIn(a);
    const enrolled = await client.get<Rows>('/api/team/enrolled');
    expect(enrolled.body.items.map((r) => r.id)).toEqual([b.id]);
    const customers = await client.get<Rows>('/api/team/customers');
    expect(customers.body.items.map((r) => [r.id, r.hasOrdered])).toEqual([[customer.id, false]]);

    // Found by part of a name (accents and case aside) or by ID; a miss finds nobody.
    const byName = await client.get<Rows>(
      `/api/team/customers?q=${encodeURIComponent(customer.lastName.toUpperCase())}`,
    );
    expect(byName.body.items.map((r) => r.id)).toEqual([customer.id]);
    expect((await client.get<Rows>(`/api/team/customers?q=${customer.id}`)).body.items.map((r) => r.id)).toEqual([
      customer.id,
    ]);
    expect((await client.get<Rows>('/api/team/customers?q=nobody')).body.items).toEqual([]);
    const enrolledByName = await client.get<Rows>(`/api/team/enrolled?q=${encodeURIComponent(b.lastName)}`);
    expect(enrolledByName.body.items.map((r) => r.id)).toEqual([b.id]);
    expect((await client.get<Rows>(`/api/team/enrolled?q=${customer.lastName}`)).body.items).toEqual([]);
  });

  it('shows the newest partners first, recent activity with rank changes, and enrollments by month', async () => {
    const client = await signedIn(root);
    const newest = await client.get<Rows>('/api/team/new-partners?limit=2');
    expect(newest.body.items.map((r) => r.id)).toEqual([d.id, c.id]);

    const at = new Date().toISOString();
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.member(b.id),
        UpdateExpression: 'SET paidRank = :r, rankChangedAt = :at',
        ExpressionAttributeValues: { ':r': 2, ':at': at },
      }),
    );
    await streamSettled();
    const activity = await client.get<{ items: { type: string; memberId: string; rankName: string }[] }>(
      '/api/team/activity',
    );
    expect(activity.body.items[0]).toMatchObject({ type: 'rank_change', memberId: b.id, rankName: 'Bronze' });
    expect(activity.body.items.filter((i) => i.type === 'enrollment').map((i) => i.memberId)).toEqual([
      d.id,
      c.id,
      b.id,
      a.id,
    ]);

    const byMonth = await client.get<{ items: { month: string; count: number }[] }>('/api/team/enrollments-by-month');
    expect(byMonth.body.items).toHaveLength(12);
    expect(byMonth.body.items.reduce((sum, m) => sum + m.count, 0)).toBe(4);

    const ranks = await client.get<{ counts: { rank: number; count: number }[]; items: { id: string }[] }>(
      '/api/team/ranks',
    );
    expect(ranks.body.counts).toEqual([
      { rank: 1, rankName: 'Partner', count: 3 },
      { rank: 2, rankName: 'Bronze', count: 1 },
    ]);
    expect(ranks.body.items.map((r) => r.id)).toEqual([b.id]);
  });
});

describe('tree viewer', () => {
  type Nodes = { items: { id: string; childCount: number; teamSize: number; kind: string }[] };

  it('serves lazy children of both trees with their counts', async () => {
    const client = await signedIn(root);
    const top = await client.get<Nodes>('/api/genealogy/placement/children/me');
    expect(top.body.items.map((n) => [n.id, n.childCount, n.teamSize])).toEqual([
      [a.id, 1, 2],
      [c.id, 0, 0],
    ]);
    const enrolledByA = await client.get<Nodes>(`/api/genealogy/enroller/children/${a.id}`);
    expect(enrolledByA.body.items.map((n) => [n.id, n.kind]).sort()).toEqual(
      [
        [b.id, 'partner'],
        [customer.id, 'customer'],
      ].sort(),
    );
  });

  it('jumps to a member as the top, with the way back up to the caller only', async () => {
    const fromA = await signedIn(a);
    const node = await fromA.get<{ node: { id: string }; breadcrumb: { id: string }[] }>(
      `/api/genealogy/placement/nodes/${d.id}`,
    );
    expect(node.body.node.id).toBe(d.id);
    expect(node.body.breadcrumb.map((m) => m.id)).toEqual([a.id, b.id]);
    expect((await fromA.get(`/api/genealogy/placement/nodes/${c.id}`)).status).toBe(404);
  });

  it('searches by ID or name inside the downline only, and answers "is X in my downline"', async () => {
    const fromA = await signedIn(a);
    const byName = await fromA.get<Nodes>('/api/genealogy/search?q=quint');
    expect(byName.body.items.map((n) => n.id)).toEqual([d.id]);
    expect((await fromA.get<Nodes>(`/api/genealogy/search?q=${c.id}`)).body.items).toEqual([]);
    const check = await fromA.get<{ placementLevel: number; enrollerLevel: number }>(`/api/genealogy/downline/${d.id}`);
    expect(check.body).toMatchObject({ placementLevel: 2, enrollerLevel: 2 });
    expect((await fromA.get(`/api/genealogy/downline/${outsider.id}`)).status).toBe(404);
  });
});
