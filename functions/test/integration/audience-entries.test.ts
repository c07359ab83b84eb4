import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { suppressAddress } from '../../src/email/repository.js';
import { backfillAudienceEntries } from '../../src/genealogy/backfill.js';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

const get = async (key: { PK: string; SK: string }) =>
  (await db().send(new GetCommand({ TableName: env.tableName(), Key: key }))).Item;

const downlineEntry = (upline: Member, level: number, member: Member) =>
  get(keys.downline(upline.id, level, member.id));

const profile = (member: Member) => get(keys.member(member.id));

/** The member's customer entry under each enroller (undefined where it has none). */
const customerEntriesOf = (member: Member, enrollers: readonly Member[]) =>
  Promise.all(enrollers.map((enroller) => get(keys.customerEntry(enroller.id, member.id))));

/** A change written straight to an item (a profile, as another area or a later feature would; an entry). */
async function update(
  key: { PK: string; SK: string },
  expression: string,
  values?: Record<string, unknown>,
  names?: Record<string, string>,
) {
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: key,
      UpdateExpression: expression,
      ...(values ? { ExpressionAttributeValues: values } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    }),
  );
}

type MemberBody = { member: { version: number } };

/** A profile edit through the API, by the member itself. */
async function editOwnProfile(member: Member, change: Record<string, unknown>) {
  const client = await signedIn(member);
  const { version } = (await client.get<MemberBody>('/api/members/me')).body.member;
  const response = await client.request('PATCH', '/api/members/me', { version, ...change });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  await putCompanySettings();
});

describe('downline entries as audience entries', () => {
  it('carry kind, market, language, mailability and the enroller level (only under an enroller)', async () => {
    const root = await partnerUnder(null);
    const a = await partnerUnder(root, { market: 'MX', language: 'es' });
    // Enrolled by root, placed under a (spillover): a is a placement upline but not an enroller.
    const c = await createTestMember({
      sponsorId: root.id,
      placementId: a.id,
      sponsorPath: [root.id],
      placementPath: [root.id, a.id],
      emailOptOut: true,
    });
    const noEmail = await partnerUnder(a, { email: '' });
    await streamSettled();

    expect(await downlineEntry(root, 1, a)).toMatchObject({
      kind: 'partner',
      market: 'MX',
      language: 'es',
      mail: 'ok',
      enrollerLevel: 1,
    });
    expect(await downlineEntry(root, 2, c)).toMatchObject({ mail: 'optedOut', enrollerLevel: 1, market: 'US' });
    const underA = await downlineEntry(a, 1, c);
    expect(underA).toMatchObject({ kind: 'partner', mail: 'optedOut' });
    expect(underA).not.toHaveProperty('enrollerLevel');
    expect(await downlineEntry(root, 2, noEmail)).toMatchObject({ mail: 'none', enrollerLevel: 2 });
  });

  it('follow an opt-out, a market change and an email change (the new address’s suppression decides)', async () => {
    const root = await partnerUnder(null);
    const a = await partnerUnder(root);
    await streamSettled();
    expect(await downlineEntry(root, 1, a)).toMatchObject({ mail: 'ok', language: 'en' });

    await editOwnProfile(a, { emailOptOut: true, language: 'es' });
    await streamSettled();
    expect(await downlineEntry(root, 1, a)).toMatchObject({ mail: 'optedOut', language: 'es' });

    await editOwnProfile(a, { emailOptOut: false });
    await update(keys.member(a.id), 'SET market = :m', { ':m': 'MX' });
    await streamSettled();
    expect(await downlineEntry(root, 1, a)).toMatchObject({ mail: 'ok', market: 'MX' });

    const bounced = `bounced-${a.id}@example.com`;
    await suppressAddress({ address: bounced, reason: 'bounce', at: new Date().toISOString() });
    await editOwnProfile(a, { email: bounced });
    await streamSettled();
    expect(await profile(a)).toMatchObject({ email: bounced, emailSuppressed: 'bounce' });
    expect(await downlineEntry(root, 1, a)).toMatchObject({ mail: 'bounced' });

    await editOwnProfile(a, { email: `fresh-${a.id}@example.com` });
    await streamSettled();
    expect(await profile(a)).not.toHaveProperty('emailSuppressed');
    expect(await downlineEntry(root, 1, a)).toMatchObject({ mail: 'ok' });
  });
});

describe('customer entries', () => {
  it('put a customer under each enroller ancestor at its level, follow its changes, and go when it becomes a partner', async () => {
    const root = await partnerUnder(null);
    const a = await partnerUnder(root);
    const b = await partnerUnder(a);
    const customer = await createTestMember({
      role: 'customer',
      sponsorId: b.id,
      sponsorPath: [root.id, a.id, b.id],
      market: 'MX',
      language: 'es',
    });
    await streamSettled();

    const entries = await customerEntriesOf(customer, [root, a, b]);
    expect(entries.map((e) => e?.enrollerLevel)).toEqual([3, 2, 1]);
    expect(entries[0]).toEqual({
      ...keys.customerEntry(root.id, customer.id),
      entity: 'customerEntry',
      memberId: customer.id,
      kind: 'customer',
      enrollerLevel: 3,
      status: 'active',
      market: 'MX',
      language: 'es',
      mail: 'ok',
      name: customer.displayName,
      paidRank: 1,
      joinedAt: customer.enrolledAt,
    });
    // Customers are not placed: no downline entries.
    expect(await downlineEntry(b, 1, customer)).toBeUndefined();

    await update(
      keys.member(customer.id),
      'SET #s = :s, emailOptOut = :t',
      { ':s': 'inactive', ':t': true },
      { '#s': 'status' },
    );
    await streamSettled();
    for (const entry of await customerEntriesOf(customer, [root, a, b])) {
      expect(entry).toMatchObject({ status: 'inactive', mail: 'optedOut' });
    }

    // Upgraded to partner (placed under b): its customer entries go, downline entries come.
    await update(
      keys.member(customer.id),
      'SET kind = :k, #role = :k, placementId = :p, placementPath = :path',
      { ':k': 'partner', ':p': b.id, ':path': [root.id, a.id, b.id] },
      { '#role': 'role' },
    );
    await streamSettled();
    expect(await customerEntriesOf(customer, [root, a, b])).toEqual([undefined, undefined, undefined]);
    expect(await downlineEntry(b, 1, customer)).toMatchObject({ kind: 'partner', enrollerLevel: 1 });
  });

  it('of a customer enrolled with an address SES already reported show it bounced', async () => {
    const sponsor = await partnerUnder(null);
    const email = `reported-${sponsor.id}@example.com`;
    await suppressAddress({ address: email, reason: 'complaint', at: new Date().toISOString() });
    const client = await signedIn(sponsor);
    const response = await client.post<{ member: Member }>(
      '/api/enrollments',
      sampleEnrollment({ kind: 'customer', email, username: `reported.${sponsor.id}` }),
    );
    expect(response.status).toBe(201);
    const customer = response.body.member;
    await streamSettled();
    expect(await profile(customer)).toMatchObject({ emailSuppressed: 'complaint' });
    expect(await customerEntriesOf(customer, [sponsor])).toEqual([
      expect.objectContaining({ enrollerLevel: 1, mail: 'bounced', kind: 'customer' }),
    ]);
  });
});

describe('the audience backfill', () => {
  it('completes entries written before they carried the audience, leaves the stream’s alone, and runs again harmlessly', async () => {
    const root = await partnerUnder(null);
    const a = await partnerUnder(root, { emailOptOut: true });
    const customer = await createTestMember({ role: 'customer', sponsorId: a.id, sponsorPath: [root.id, a.id] });
    await streamSettled();
    // As the table held them before: downline entries without the audience attributes, no customer entries.
    await update(keys.downline(root.id, 1, a.id), 'REMOVE kind, market, #language, mail, enrollerLevel', undefined, {
      '#language': 'language',
    });
    for (const enroller of [root, a]) {
      await db().send(
        new DeleteCommand({ TableName: env.tableName(), Key: keys.customerEntry(enroller.id, customer.id) }),
      );
    }
    // What the stream wrote (it has `mail`) is not the backfill's to change.
    const b = await partnerUnder(a, { emailOptOut: true });
    await streamSettled();
    await update(keys.downline(root.id, 2, b.id), 'SET mail = :ok', { ':ok': 'ok' });

    expect(await backfillAudienceEntries()).toBe(3);
    expect(await downlineEntry(root, 1, a)).toMatchObject({
      kind: 'partner',
      market: 'US',
      language: 'en',
      mail: 'optedOut',
      enrollerLevel: 1,
    });
    expect((await customerEntriesOf(customer, [root, a])).map((e) => e?.enrollerLevel)).toEqual([2, 1]);
    expect(await downlineEntry(root, 2, b)).toMatchObject({ mail: 'ok' });
    expect(await backfillAudienceEntries()).toBe(0);
  });
});
