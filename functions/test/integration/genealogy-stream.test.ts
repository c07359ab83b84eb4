import { describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { applyMemberChange } from '../../src/genealogy/stream.js';
import { memberFromItem } from '../../src/members/repository.js';
import { createTestMember } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

async function profile(id: string): Promise<Member> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(id) }));
  return memberFromItem(result.Item!);
}

/** The downline entries under an upline, as `level:member`. */
async function entries(uplineId: string): Promise<string[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.downlinePartition(uplineId) },
    }),
  );
  return (result.Items ?? []).map((i) => `${i.level}:${i.memberId}`);
}

/** A partner enrolled under `parent` (sponsor = placement parent), as an enrollment writes it. */
async function enrollUnder(parent: Member | null, extra: Partial<Member> = {}) {
  return createTestMember({
    sponsorId: parent?.id ?? null,
    placementId: parent?.id ?? null,
    sponsorPath: parent ? [...parent.sponsorPath, parent.id] : [],
    placementPath: parent ? [...parent.placementPath, parent.id] : [],
    ...extra,
  });
}

async function move(member: Member, parent: Member) {
  const path = [...parent.placementPath, parent.id];
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.member(member.id),
      UpdateExpression: 'SET placementId = :p, placementPath = :path, GSI2PK = :g, version = version + :one',
      ExpressionAttributeValues: { ':p': parent.id, ':path': path, ':g': keys.placementChildren(parent.id), ':one': 1 },
    }),
  );
}

describe('genealogy stream', () => {
  it('indexes new partners under every ancestor and keeps counters', async () => {
    const root = await enrollUnder(null);
    const a = await enrollUnder(root);
    const b = await enrollUnder(a);
    const customer = await createTestMember({ role: 'customer', sponsorId: a.id, sponsorPath: [root.id, a.id] });
    await streamSettled();

    expect((await entries(root.id)).sort()).toEqual([`1:${a.id}`, `2:${b.id}`]);
    expect(await entries(a.id)).toEqual([`1:${b.id}`]);
    expect(await entries(customer.id)).toEqual([]);
    expect(await profile(root.id)).toMatchObject({ teamSize: 2, placementChildCount: 1, enrolledChildCount: 1 });
    expect(await profile(a.id)).toMatchObject({ teamSize: 1, placementChildCount: 1, enrolledChildCount: 2 });
    expect((await profile(b.id)).indexedPath).toEqual([root.id, a.id]);
  });

  it('moves a subtree: entries re-levelled, old ones gone, counters moved, paths cascaded', async () => {
    const root = await enrollUnder(null);
    const a = await enrollUnder(root);
    const b = await enrollUnder(a);
    const c = await enrollUnder(root);
    await streamSettled();

    await move(await profile(a.id), await profile(c.id));
    await streamSettled();

    expect((await entries(root.id)).sort()).toEqual([`1:${c.id}`, `2:${a.id}`, `3:${b.id}`].sort());
    expect((await entries(c.id)).sort()).toEqual([`1:${a.id}`, `2:${b.id}`].sort());
    expect(await entries(a.id)).toEqual([`1:${b.id}`]);
    expect((await profile(b.id)).placementPath).toEqual([root.id, c.id, a.id]);
    expect(await profile(root.id)).toMatchObject({ teamSize: 3, placementChildCount: 1 });
    expect(await profile(c.id)).toMatchObject({ teamSize: 2, placementChildCount: 1 });
    expect(await profile(a.id)).toMatchObject({ teamSize: 1, placementChildCount: 1 });
  });

  it('copies rank changes into the uplines entries, with the time of the change', async () => {
    const root = await enrollUnder(null);
    const a = await enrollUnder(root);
    const b = await enrollUnder(a);
    await streamSettled();
    const at = '2026-12-01T06:00:00.000Z';
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.member(b.id),
        UpdateExpression: 'SET paidRank = :r, rankChangedAt = :at',
        ExpressionAttributeValues: { ':r': 3, ':at': at },
      }),
    );
    await streamSettled();
    const recent = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        IndexName: 'GSI4',
        KeyConditionExpression: 'GSI4PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.downlinePartition(root.id) },
      }),
    );
    expect(recent.Items?.map((i) => [i.memberId, i.paidRank, i.rankChangedAt])).toEqual([[b.id, 3, at]]);
  });

  it('applies a redelivered record once', async () => {
    const root = await enrollUnder(null);
    await streamSettled();
    const child: Member = {
      ...(await profile(root.id)),
      id: '880001',
      sponsorId: root.id,
      placementId: root.id,
      sponsorPath: [root.id],
      placementPath: [root.id],
      indexedPath: undefined,
    };
    await applyMemberChange('event-1', null, child);
    await applyMemberChange('event-1', null, child);
    expect(await profile(root.id)).toMatchObject({ teamSize: 1, placementChildCount: 1, enrolledChildCount: 1 });
  });
});
