import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { Client, signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type MemberBody = { member: Record<string, unknown> & { version: number } };

const levelUnder = async (uplineId: string, memberId: string) => {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk',
      FilterExpression: 'memberId = :m',
      ExpressionAttributeValues: { ':pk': keys.downlinePartition(uplineId), ':m': memberId },
    }),
  );
  return result.Items?.map((i) => i.level as number) ?? [];
};

const placementLog = async (memberId: string) => {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':log': keys.memberLogPrefix },
    }),
  );
  return (result.Items ?? []).filter((i) => String(i.action).startsWith('placement.'));
};

/**
 *   root
 *   ├─ a ── b
 *   │   └─ n (new, in a's window)
 *   └─ c
 *   x (another organization)
 */
let root: Member, a: Member, b: Member, c: Member, n: Member, x: Member, support: Member;

beforeAll(async () => {
  await putCompanySettings();
  const old = new Date(Date.now() - 90 * 86_400_000).toISOString();
  root = await partnerUnder(null);
  a = await partnerUnder(root);
  b = await partnerUnder(a, {
    enrolledAt: old,
    placementWindowEndsAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
  });
  c = await partnerUnder(root);
  n = await partnerUnder(a, { placementWindowEndsAt: new Date(Date.now() + 20 * 86_400_000).toISOString() });
  x = await partnerUnder(null);
  support = await createTestMember({ role: 'support' });
  await streamSettled();
});

describe('placement', () => {
  it('lists the sponsor’s new partners still in the window', async () => {
    const queue = await (await signedIn(a)).get<{ items: { id: string }[] }>('/api/members/me/placement-queue');
    expect(queue.body.items.map((i) => i.id)).toEqual([n.id]);
  });

  it('refuses moves that break a rule, naming it, and changes nothing', async () => {
    const sponsor = await signedIn(a);
    const cases: [Client, string, Record<string, unknown>, number, string][] = [
      [sponsor, n.id, { parentId: c.id }, 422, 'outside_sponsor_downline'],
      [sponsor, n.id, { parentId: n.id }, 422, 'cycle'],
      [sponsor, b.id, { parentId: n.id }, 422, 'window_closed'],
      [sponsor, n.id, { parentId: '99999999' }, 422, 'unknown_parent'],
      [await signedIn(root), n.id, { parentId: c.id }, 422, 'not_your_enrollee'],
      [await signedIn(x), n.id, { parentId: x.id }, 404, 'member_not_found'],
      [await signedIn(support), b.id, { parentId: c.id }, 422, 'reason_required'],
    ];
    for (const [client, subject, body, status, code] of cases) {
      const response = await client.request<ErrorBody>('PUT', `/api/members/${subject}/placement`, body);
      expect({ code, status: response.status, got: response.body.error?.code }).toEqual({ code, status, got: code });
    }
    expect(await placementLog(n.id)).toEqual([]);
  });

  it('lets the sponsor place its new partner anywhere in its own downline, within the window', async () => {
    const sponsor = await signedIn(a);
    const moved = await sponsor.request<MemberBody>('PUT', `/api/members/${n.id}/placement`, { parentId: b.id });
    expect(moved.status).toBe(200);
    expect(moved.body.member.placementId).toBe(b.id);
    await streamSettled();
    expect(await levelUnder(a.id, n.id)).toEqual([2]);
    expect(await levelUnder(b.id, n.id)).toEqual([1]);
    expect(await levelUnder(root.id, n.id)).toEqual([3]);
    expect((await placementLog(n.id)).map((l) => [l.action, l.actorId])).toEqual([['placement.placed', a.id]]);
  });

  it('lets support move a member after the window, with a reason kept in the log', async () => {
    const staff = await signedIn(support);
    const moved = await staff.request<MemberBody>('PUT', `/api/members/${b.id}/placement`, {
      parentId: c.id,
      reason: 'Ticket 4411: placed under the wrong leg at enrollment',
    });
    expect(moved.status).toBe(200);
    await streamSettled();
    // b's whole downline (n) moved with it.
    expect(await levelUnder(c.id, b.id)).toEqual([1]);
    expect(await levelUnder(c.id, n.id)).toEqual([2]);
    expect(await levelUnder(a.id, n.id)).toEqual([]);
    expect((await placementLog(b.id))[0]).toMatchObject({
      action: 'placement.moved',
      actorId: support.id,
      reason: expect.stringContaining('4411'),
    });
  });
});

describe('profile and account', () => {
  it('saves an edit with the version read, and refuses a stale one with 409 (nothing lost)', async () => {
    const member = await partnerUnder(root);
    const client = await signedIn(member);
    const read = await client.get<MemberBody>('/api/members/me');
    const v = read.body.member.version;
    const saved = await client.request<MemberBody>('PATCH', '/api/members/me', {
      version: v,
      phone: '+1 555 0199',
      displayName: 'Coach Sam',
      social: { instagram: 'https://instagram.com/coachsam' },
      goals: { targetRank: 4, note: 'Gold by summer' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.member).toMatchObject({ phone: '+1 555 0199', displayName: 'Coach Sam', version: v + 1 });

    const stale = await client.request<ErrorBody>('PATCH', '/api/members/me', { version: v, phone: '+1 555 0100' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await client.get<MemberBody>('/api/members/me')).body.member.phone).toBe('+1 555 0199');
  });

  it('does not overwrite counters the stream keeps when a profile is saved', async () => {
    const leader = await partnerUnder(root);
    const client = await signedIn(leader);
    const read = await client.get<MemberBody>('/api/members/me');
    await partnerUnder(leader);
    await streamSettled();
    await client.request('PATCH', '/api/members/me', { version: read.body.member.version, language: 'es' });
    const stored = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(leader.id) }));
    expect(stored.Item).toMatchObject({ teamSize: 1, placementChildCount: 1, language: 'es' });
  });

  it('moves the unique guards when the username changes', async () => {
    const member = await partnerUnder(root);
    const other = await partnerUnder(root);
    const client = await signedIn(member);
    const v = (await client.get<MemberBody>('/api/members/me')).body.member.version;
    const taken = await client.request<ErrorBody>('PATCH', '/api/members/me', { version: v, username: other.username });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0]?.field).toBe('body.username');

    const renamed = await client.request<MemberBody>('PATCH', '/api/members/me', {
      version: v,
      username: `renamed.${member.id}`,
    });
    expect(renamed.status).toBe(200);
    await new Client().signIn(`renamed.${member.id}`, TEST_PASSWORD);
    expect(
      (await new Client().post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status,
    ).toBe(401);
    // The old name is free for someone else now.
    const freed = await (
      await signedIn(other)
    ).request('PATCH', '/api/members/me', {
      version: (await (await signedIn(other)).get<MemberBody>('/api/members/me')).body.member.version,
      username: member.username,
    });
    expect(freed.status).toBe(200);
  });

  it('keeps staff-only fields to staff, and lets uplines read but not edit', async () => {
    const member = await partnerUnder(a);
    const own = await signedIn(member);
    const v = (await own.get<MemberBody>('/api/members/me')).body.member.version;
    expect((await own.request('PATCH', '/api/members/me', { version: v, firstName: 'Changed' })).status).toBe(403);
    const upline = await signedIn(a);
    expect((await upline.get(`/api/members/${member.id}`)).status).toBe(200);
    expect(
      (await upline.request('PATCH', `/api/members/${member.id}`, { version: v, phone: '+1 555 0111' })).status,
    ).toBe(403);
    const staff = await signedIn(support);
    const fixed = await staff.request<MemberBody>('PATCH', `/api/members/${member.id}`, {
      version: v,
      firstName: 'Fixed',
      reason: 'typo in the legal name',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.member).toMatchObject({ firstName: 'Fixed', displayName: `Fixed ${member.lastName}` });
  });

  it('stores the tax id encrypted and answers with the last 4 only', async () => {
    const member = await partnerUnder(root);
    const client = await signedIn(member);
    const set = await client.request<{ taxId: string }>('PUT', '/api/members/me/tax-id', { taxId: '987-65-4321' });
    expect(set.body.taxId).toBe('••••4321');
    const stored = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(member.id) }));
    expect(JSON.stringify(stored.Item)).not.toContain('987-65-4321');
    expect((await client.request<ErrorBody>('PUT', '/api/members/me/tax-id', { taxId: '1' })).status).toBe(400);
  });

  it('uploads an avatar with a presigned POST and shows it through a signed link', async () => {
    const member = await partnerUnder(root);
    const client = await signedIn(member);
    const upload = await client.post<{ url: string; fields: Record<string, string>; key: string }>(
      '/api/members/me/uploads',
      {
        kind: 'avatar',
        contentType: 'image/png',
      },
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.body.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'me.png');
    expect((await fetch(upload.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    const v = (await client.get<MemberBody>('/api/members/me')).body.member.version;
    const saved = await client.request<MemberBody>('PATCH', '/api/members/me', {
      version: v,
      avatarKey: upload.body.key,
    });
    expect(saved.status).toBe(200);
    const image = await fetch(saved.body.member.avatarUrl as string);
    expect(image.status).toBe(200);
    // Someone else's upload key is refused.
    const other = await signedIn(await partnerUnder(root));
    const v2 = (await other.get<MemberBody>('/api/members/me')).body.member.version;
    expect((await other.request('PATCH', '/api/members/me', { version: v2, avatarKey: upload.body.key })).status).toBe(
      422,
    );
    expect((await client.post('/api/members/me/uploads', { kind: 'avatar', contentType: 'text/html' })).status).toBe(
      422,
    );
  });

  it('lets support cancel a member with a reason, which ends its sessions', async () => {
    const member = await partnerUnder(root);
    const session = await signedIn(member);
    const staff = await signedIn(support);
    expect((await staff.request('PUT', `/api/members/${member.id}/status`, { status: 'canceled' })).status).toBe(400);
    const canceled = await staff.request<MemberBody>('PUT', `/api/members/${member.id}/status`, {
      status: 'canceled',
      reason: 'Asked to cancel by phone',
    });
    expect(canceled.body.member.status).toBe('canceled');
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await (
          await signedIn(a)
        ).request('PUT', `/api/members/${member.id}/status`, { status: 'active', reason: 'x y z' })
      ).status,
    ).toBe(403);
  });

  it('answers 404 for anyone outside the caller’s downline, and for uplines', async () => {
    const outsider = await signedIn(x);
    expect((await outsider.get(`/api/members/${a.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/members/99999999`)).status).toBe(404);
    expect((await (await signedIn(a)).get(`/api/members/${root.id}`)).status).toBe(404);
    expect((await (await signedIn(support)).get(`/api/members/${a.id}`)).status).toBe(200);
  });
});
