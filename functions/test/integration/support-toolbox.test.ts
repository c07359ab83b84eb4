import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Autoship } from '@arbor/shared/orders/autoship';
import type { Period } from '@arbor/shared/commissions/records';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { PENDING_UPLOAD_OWNER } from '../../src/members/enrollment.js';
import { processAutoship } from '../../src/autoship/run.js';
import { autoshipItem } from '../../src/autoship/repository.js';
import { periodItem } from '../../src/commissions/repository/periods.js';
import { putPartnerPeriods } from '../../src/commissions/repository/partner-periods.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import type { Client } from '../support/api.js';
import { signedIn, type ApiResponse } from '../support/api.js';
import { putDocument } from '../support/documents.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { drainQueue, streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details?: { field?: string; rule?: string }[] } };
type LogBody = {
  items: { action: string; actorId: string; detail?: Record<string, unknown>; reason?: string }[];
};
type MemberBody = { member: { level: string; identity?: { status: string; reason: string | null } } };
type IdentityBody = { identity: { status: string; reason: string | null } };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
/** The SES stand-in is shared by every test file: addresses only this file uses. */
const email = () => `toolbox.${randomUUID().slice(0, 8)}@example.com`;

let root: Member, support: Member, admin: Member;
let supportClient: Client, adminClient: Client;

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  root = await partnerUnder(null, { address: austin, email: email() });
  support = await createTestMember({ role: 'support', email: email() });
  admin = await createTestMember({ role: 'admin', email: email() });
  supportClient = await signedIn(support);
  adminClient = await signedIn(admin);
  await streamSettled();
});

const partner = () => partnerUnder(root, { address: austin, email: email() });
const customer = () =>
  createTestMember({
    role: 'customer',
    sponsorId: root.id,
    sponsorPath: [root.id],
    address: austin,
    email: email(),
  });

async function logOf(memberId: string, action: string) {
  const log = await adminClient.get<LogBody>(`/api/members/${memberId}/log?limit=100`);
  expect(log.status).toBe(200);
  return log.body.items.filter((entry) => entry.action === action);
}

const statuses = (responses: ApiResponse[]) => responses.map((r) => r.status).sort();
const fieldOf = (response: ApiResponse) => (response.body as unknown as ErrorBody).error.details?.[0]?.field;

describe('membership level (PUT /api/members/{id}/level)', () => {
  it('support upgrades and downgrades within the member’s kind; the log has from -> to, the direction and why', async () => {
    const member = await customer();
    const up = await supportClient.request<MemberBody>('PUT', `/api/members/${member.id}/level`, {
      level: 'preferred',
      reason: 'Asked for the preferred price list',
    });
    expect(up.status).toBe(200);
    expect(up.body.member.level).toBe('preferred');
    const down = await supportClient.request<MemberBody>('PUT', `/api/members/${member.id}/level`, {
      level: 'customer',
      reason: 'Preferred fee not paid',
    });
    expect(down.status).toBe(200);
    expect(down.body.member.level).toBe('customer');
    const log = await logOf(member.id, 'level.changed');
    expect(log.map((e) => [e.detail, e.reason, e.actorId])).toEqual([
      [{ from: 'preferred', to: 'customer', direction: 'downgrade' }, 'Preferred fee not paid', support.id],
      [{ from: 'customer', to: 'preferred', direction: 'upgrade' }, 'Asked for the preferred price list', support.id],
    ]);
  });

  it('is the one way: the profile edit no longer takes a level', async () => {
    const member = await partner();
    const edit = await supportClient.request('PATCH', `/api/members/${member.id}`, {
      version: member.version,
      level: 'partner-pro',
      reason: 'the old way',
    });
    expect(edit.status).toBe(400);
  });

  it('refuses partners, customers, a staff target, a missing reason, other kinds and unknown levels, changing nothing', async () => {
    const member = await partner();
    const own = await signedIn(member);
    const body = { level: 'partner-pro', reason: 'I would like to be pro' };
    expect((await own.request('PUT', `/api/members/${member.id}/level`, body)).status).toBe(403);
    expect((await own.request('PUT', '/api/members/me/level', body)).status).toBe(403);
    expect((await (await signedIn(root)).request('PUT', `/api/members/${member.id}/level`, body)).status).toBe(403);
    const buyer = await customer();
    expect((await (await signedIn(buyer)).request('PUT', `/api/members/${member.id}/level`, body)).status).toBe(403);
    expect((await supportClient.request('PUT', `/api/members/${admin.id}/level`, body)).status).toBe(403);

    const noReason = await supportClient.request('PUT', `/api/members/${member.id}/level`, { level: 'partner-pro' });
    expect(noReason.status).toBe(400);
    expect(fieldOf(noReason)).toBe('body.reason');
    const malformed = await supportClient.request('PUT', `/api/members/${member.id}/level`, {
      level: 'Pro Level!',
      reason: 'typo',
    });
    expect(malformed.status).toBe(400);
    expect(fieldOf(malformed)).toBe('body.level');
    const otherKind = await supportClient.request('PUT', `/api/members/${member.id}/level`, {
      level: 'preferred',
      reason: 'wrong list',
    });
    expect(otherKind.status).toBe(422);
    expect(fieldOf(otherKind)).toBe('body.level');
    const unknown = await supportClient.request('PUT', `/api/members/${member.id}/level`, {
      level: 'platinum-club',
      reason: 'not a level',
    });
    expect(unknown.status).toBe(422);
    expect((await supportClient.request('PUT', '/api/members/12ab/level', body)).status).toBe(400);
    expect(await logOf(member.id, 'level.changed')).toEqual([]);
    expect((await adminClient.get<MemberBody>(`/api/members/${member.id}`)).body.member.level).toBe('partner');
  });

  it('ten identical requests in parallel change the level once (one log entry, every answer the new level)', async () => {
    const member = await partner();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        supportClient.request<MemberBody>('PUT', `/api/members/${member.id}/level`, {
          level: 'partner-pro',
          reason: 'Bought the pro kit',
        }),
      ),
    );
    expect(statuses(responses)).toEqual(Array(10).fill(200));
    expect(responses.every((r) => r.body.member.level === 'partner-pro')).toBe(true);
    expect(await logOf(member.id, 'level.changed')).toHaveLength(1);
  });
});

describe('identity verification', () => {
  it('a member’s uploaded document makes it pending; support reviews the documents (a logged look) and rejects with a reason the member is mailed', async () => {
    const member = await partner();
    const own = await signedIn(member);
    expect((await own.get<MemberBody>('/api/members/me')).body.member.identity?.status).toBe('none');

    const key = await putDocument(member.id);
    const added = await own.post<IdentityBody>('/api/members/me/identity/documents', { key });
    expect(added.status).toBe(200);
    expect(added.body.identity.status).toBe('pending');
    // The same key again changes nothing.
    expect((await own.post('/api/members/me/identity/documents', { key })).status).toBe(200);
    expect(await logOf(member.id, 'identity.document_added')).toHaveLength(1);

    const review = await supportClient.get<{ documents: { number: number; url: string }[] }>(
      `/api/members/${member.id}/identity/documents`,
    );
    expect(review.status).toBe(200);
    expect(review.body.documents).toHaveLength(1);
    expect(review.body.documents[0]!.url).toContain('X-Amz-Expires=300');
    const image = await fetch(review.body.documents[0]!.url);
    expect(image.status).toBe(200);
    const views = await logOf(member.id, 'support.viewed');
    expect(views.map((v) => [v.actorId, v.detail])).toEqual([
      [support.id, { fields: ['identityDocuments'], documents: 1 }],
    ]);

    const noReason = await supportClient.request('PUT', `/api/members/${member.id}/identity`, {
      decision: 'rejected',
    });
    expect(noReason.status).toBe(400);
    expect(fieldOf(noReason)).toBe('body.reason');
    const rejected = await supportClient.request<IdentityBody>('PUT', `/api/members/${member.id}/identity`, {
      decision: 'rejected',
      reason: 'The photo is too blurry to read',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.identity).toMatchObject({ status: 'rejected', reason: 'The photo is too blurry to read' });
    expect((await own.get<MemberBody>('/api/members/me')).body.member.identity).toMatchObject({
      status: 'rejected',
      reason: 'The photo is too blurry to read',
    });
    const log = await logOf(member.id, 'identity.reviewed');
    expect(log.map((e) => [e.actorId, e.detail, e.reason])).toEqual([
      [support.id, { from: 'pending', to: 'rejected' }, 'The photo is too blurry to read'],
    ]);
    await drainQueue('email');
    const mail = (await mailTo(member.email)).find((m) => m.subject === 'We could not verify your identity');
    expect(mail?.body.text).toContain('The photo is too blurry to read');

    // A new document puts it back in the queue.
    const again = await own.post<IdentityBody>('/api/members/me/identity/documents', {
      key: await putDocument(member.id),
    });
    expect(again.body.identity.status).toBe('pending');
  });

  it('refuses a document that is not the member’s, or not a real image, and partners, customers and staff targets', async () => {
    const member = await partner();
    const own = await signedIn(member);
    const someoneElses = await own.post('/api/members/me/identity/documents', { key: await putDocument(root.id) });
    expect(someoneElses.status).toBe(422);
    expect(fieldOf(someoneElses)).toBe('body.key');
    const notImage = await own.post('/api/members/me/identity/documents', {
      key: await putDocument(member.id, Buffer.from('<html>not a passport</html>')),
    });
    expect(notImage.status).toBe(400);
    expect((await own.post('/api/members/me/identity/documents', {})).status).toBe(400);

    await own.post('/api/members/me/identity/documents', { key: await putDocument(member.id) });
    const upline = await signedIn(root);
    expect((await upline.get(`/api/members/${member.id}/identity/documents`)).status).toBe(403);
    expect((await own.get(`/api/members/${member.id}/identity/documents`)).status).toBe(403);
    const approve = { decision: 'approved' };
    expect((await own.request('PUT', `/api/members/${member.id}/identity`, approve)).status).toBe(403);
    expect((await upline.request('PUT', `/api/members/${member.id}/identity`, approve)).status).toBe(403);
    expect((await supportClient.request('PUT', `/api/members/${admin.id}/identity`, approve)).status).toBe(403);
    expect((await supportClient.get(`/api/members/${admin.id}/identity/documents`)).status).toBe(403);
    expect(
      (await supportClient.request('PUT', `/api/members/${member.id}/identity`, { decision: 'maybe' })).status,
    ).toBe(400);
    // Nothing on file: nothing to decide.
    const bare = await customer();
    const nothing = await supportClient.request('PUT', `/api/members/${bare.id}/identity`, approve);
    expect(nothing.status).toBe(422);
    expect(await logOf(member.id, 'identity.reviewed')).toEqual([]);
  });

  it('documents sent with an enrollment make the new member pending', async () => {
    const key = await putDocument(PENDING_UPLOAD_OWNER);
    const enrolled = await supportClient.post<{ member: { id: string } }>(
      '/api/enrollments',
      sampleEnrollment({ sponsorId: root.id, email: email(), documentKeys: [key] }),
    );
    expect(enrolled.status).toBe(201);
    const read = await supportClient.get<MemberBody>(`/api/members/${enrolled.body.member.id}`);
    expect(read.body.member.identity?.status).toBe('pending');
  });

  it('ten approvals in parallel approve once: one log entry, one mail', async () => {
    const member = await customer();
    await (await signedIn(member)).post('/api/members/me/identity/documents', { key: await putDocument(member.id) });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        supportClient.request<IdentityBody>('PUT', `/api/members/${member.id}/identity`, { decision: 'approved' }),
      ),
    );
    expect(statuses(responses)).toEqual(Array(10).fill(200));
    expect(responses.every((r) => r.body.identity.status === 'approved')).toBe(true);
    expect(await logOf(member.id, 'identity.reviewed')).toHaveLength(1);
    await drainQueue('email');
    expect((await mailTo(member.email)).filter((m) => m.subject === 'Your identity is verified')).toHaveLength(1);
  });
});

/** A partner whose smart order's run was declined once and is waiting for its retry. */
async function retryingAutoship() {
  const member = await partner();
  const own = await signedIn(member);
  const declined = await own.post<{ method: { id: string } }>('/api/members/me/payment-methods', {
    card: { number: SANDBOX_CARDS.declined, expMonth: 12, expYear: 2035, cvc: '123', holder: 'A Member' },
  });
  const created = await own.post<{ autoship: Autoship }>('/api/members/me/autoships', {
    items: [{ sku: 'VIT-DAILY', quantity: 1 }],
    dayOfMonth: 5,
    paymentMethodId: declined.body.method.id,
    shippingAddress: austin,
  });
  expect(created.status).toBe(201);
  const autoship = { ...created.body.autoship, nextRunDate: '2026-12-05' };
  await db().send(new PutCommand({ TableName: env.tableName(), Item: autoshipItem(autoship) }));
  expect(await processAutoship({ autoshipId: autoship.id, memberId: member.id, dueDate: '2026-12-05' })).toBe(
    'retry_scheduled',
  );
  return { member, own, autoship: await readAutoship(autoship) };
}

const readAutoship = async (a: Pick<Autoship, 'memberId' | 'id'>) =>
  (
    await db().send(
      new GetCommand({ TableName: env.tableName(), Key: keys.autoship(a.memberId, a.id), ConsistentRead: true }),
    )
  ).Item as Autoship;

async function ordersOf(memberId: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberOrders(memberId) },
    }),
  );
  return (result.Items ?? []) as { id: string; status: string; tenders: { status: string; amount: number }[] }[];
}

describe('smart orders: stop the payment retries of a declined run', () => {
  it('support stops them once (in the log with why); the run is given up and the next regular run stays', async () => {
    const { member, autoship } = await retryingAutoship();
    expect(autoship.retry).toMatchObject({ runDate: '2026-12-05', attempt: 1 });
    const path = `/api/members/${member.id}/autoships/${autoship.id}/stop-retries`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        supportClient.post<{ autoship: Autoship }>(path, {
          version: autoship.version,
          reason: 'Member asked us to stop charging this card',
        }),
      ),
    );
    expect(statuses(responses)).toEqual(Array(10).fill(200));
    const after = await readAutoship(autoship);
    expect(after).toMatchObject({
      status: 'active',
      retry: null,
      nextRunDate: '2027-01-05',
      lastRun: { runDate: '2026-12-05', status: 'declined', code: 'retries_stopped' },
    });
    const log = await logOf(member.id, 'support.autoship_retries_stopped');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: support.id,
      reason: 'Member asked us to stop charging this card',
      detail: { autoshipId: autoship.id, runDate: '2026-12-05', attempts: 1, from: '2026-12-06', to: null },
    });
    // The queued retry for the next day does nothing now.
    expect(await processAutoship({ autoshipId: autoship.id, memberId: member.id, dueDate: '2026-12-06' })).toBe(
      'skipped',
    );
    expect((await ordersOf(member.id)).map((o) => o.tenders.length)).toEqual([1]);
  });

  it('only support, with a reason; the member itself, its upline and a malformed action are refused', async () => {
    const { member, own, autoship } = await retryingAutoship();
    const path = `/api/members/${member.id}/autoships/${autoship.id}/stop-retries`;
    const body = { version: autoship.version, reason: 'please stop' };
    expect((await own.post(path, body)).status).toBe(403);
    expect((await (await signedIn(root)).post(path, body)).status).toBe(403);
    const noReason = await supportClient.post(path, { version: autoship.version });
    expect(noReason.status).toBe(422);
    expect(fieldOf(noReason)).toBe('body.reason');
    expect((await supportClient.post(path, { version: 'one', reason: 'please stop' })).status).toBe(400);
    expect((await supportClient.post(`${path}-now`, body)).status).toBe(400);
    expect((await readAutoship(autoship)).retry).not.toBeNull();
    expect(await logOf(member.id, 'support.autoship_retries_stopped')).toEqual([]);
  });
});

describe('take a payment', () => {
  it('support pays a declined smart-order run on a new card; ten parallel requests with one key charge once', async () => {
    const { member, autoship } = await retryingAutoship();
    await supportClient.post(`/api/members/${member.id}/autoships/${autoship.id}/stop-retries`, {
      version: autoship.version,
      reason: 'Taking the payment on the phone instead',
    });
    const [order] = await ordersOf(member.id);
    expect(order?.status).toBe('declined');
    const idempotencyKey = randomUUID();
    const body = {
      payment: { card: { number: SANDBOX_CARDS.success, expMonth: 11, expYear: 2034, cvc: '321', holder: 'On Phone' } },
      reason: 'Member gave a new card on the phone',
      idempotencyKey,
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => supportClient.post(`/api/orders/${order!.id}/payments`, body)),
    );
    // Copies that arrive while the first runs are told so; none charges.
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    const [paid] = await ordersOf(member.id);
    expect(paid?.status).toBe('paid');
    expect(paid?.tenders.filter((t) => t.status === 'approved')).toHaveLength(1);
    // Sent again later: the same answer, no second charge.
    const repeat = await supportClient.post<{ order: { status: string } }>(`/api/orders/${order!.id}/payments`, body);
    expect(repeat.status).toBe(200);
    expect(repeat.body.order.status).toBe('paid');
    expect((await ordersOf(member.id))[0]?.tenders).toHaveLength(2);
    const log = await logOf(member.id, 'order.payment');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: support.id, reason: 'Member gave a new card on the phone' });
    // The same key for another order is another request.
    const other = await supportClient.post('/api/orders/999999/payments', body);
    expect([404, 409]).toContain(other.status);
  });

  it('refuses a missing reason for staff, a malformed key, and another member’s order to a partner', async () => {
    const { member, autoship } = await retryingAutoship();
    await supportClient.post(`/api/members/${member.id}/autoships/${autoship.id}/stop-retries`, {
      version: autoship.version,
      reason: 'Taking the payment on the phone instead',
    });
    const [order] = await ordersOf(member.id);
    const card = { number: SANDBOX_CARDS.success, expMonth: 11, expYear: 2034, cvc: '321', holder: 'On Phone' };
    const noReason = await supportClient.post(`/api/orders/${order!.id}/payments`, { payment: { card } });
    expect(noReason.status).toBe(422);
    expect(fieldOf(noReason)).toBe('body.reason');
    const badKey = await supportClient.post(`/api/orders/${order!.id}/payments`, {
      payment: { card },
      reason: 'on the phone',
      idempotencyKey: 'not-a-uuid',
    });
    expect(badKey.status).toBe(400);
    expect(fieldOf(badKey)).toBe('body.idempotencyKey');
    const stranger = await signedIn(await partnerUnder(null, { email: email() }));
    expect((await stranger.post(`/api/orders/${order!.id}/payments`, { payment: { card } })).status).toBe(404);
    expect((await ordersOf(member.id))[0]?.status).toBe('declined');
  });
});

describe('commissions: qualification period by period', () => {
  const period = (id: string, runId: string): Period => ({
    id,
    kind: 'monthly',
    start: `${id}-01T06:00:00.000Z`,
    end: `${id}-28T06:00:00.000Z`,
    state: 'finalized',
    planId: null,
    runId,
    executionArn: null,
    progress: null,
    totals: null,
    calculatedAt: `${id}-28T07:00:00.000Z`,
    finalizedAt: `${id}-28T08:00:00.000Z`,
    paidAt: null,
    resultKey: null,
    version: 1,
  });

  it('shows active or why not, paid and qualified rank, earnings and what the next rank was missing', async () => {
    const member = await partner();
    await db().send(new PutCommand({ TableName: env.tableName(), Item: periodItem(period('2019-03', 'r1')) }));
    await db().send(new PutCommand({ TableName: env.tableName(), Item: periodItem(period('2019-04', 'r2')) }));
    const base = {
      memberId: member.id,
      highestRank: 2,
      previousHighestRank: 2,
      byBonus: {},
      lines: [],
      lineCount: 0,
      legs: [{ partnerId: root.id, gv: 400, legRank: 1 }],
    };
    await putPartnerPeriods(
      [{ ...base, periodId: '2019-03', pv: 60, gv: 460, active: true, paidRank: 2, activeEnrolled: 2, total: 1234 }],
      'r1',
    );
    await putPartnerPeriods(
      [{ ...base, periodId: '2019-04', pv: 20, gv: 420, active: false, paidRank: 1, activeEnrolled: 2, total: 0 }],
      'r2',
    );
    const answer = await supportClient.get<{
      activePv: number;
      current: { paidRank: number; status: string };
      periods: {
        periodId: string;
        active: boolean;
        inactiveBecause: string | null;
        paidRank: number;
        qualifiedRank: number | null;
        earnings: number;
        next: { rank: number; missing: { requirement: string; missing: number }[] } | null;
      }[];
    }>(`/api/commissions/qualification?member=${member.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.activePv).toBe(50);
    expect(answer.body.current).toMatchObject({ paidRank: 1, status: 'active' });
    const [april, march] = answer.body.periods;
    expect(march).toMatchObject({ periodId: '2019-03', active: true, inactiveBecause: null, paidRank: 2 });
    expect(march).toMatchObject({ qualifiedRank: 2, earnings: 1234 });
    // Silver: PV 100, GV 1000 (legs capped at 600), 3 active enrolled.
    expect(march!.next).toMatchObject({ rank: 3 });
    expect(march!.next!.missing.map((m) => [m.requirement, m.missing])).toEqual([
      ['pv', 40],
      ['gv', 540],
      ['activeEnrolled', 1],
    ]);
    expect(april).toMatchObject({ periodId: '2019-04', active: false, inactiveBecause: 'pv', qualifiedRank: 1 });
    expect(april!.next!.missing.map((m) => [m.requirement, m.missing])).toEqual([['pv', 30]]);
  });

  it('is for staff only; a malformed member is a 400', async () => {
    const member = await partner();
    expect((await (await signedIn(member)).get(`/api/commissions/qualification?member=${member.id}`)).status).toBe(403);
    expect((await (await signedIn(root)).get(`/api/commissions/qualification?member=${member.id}`)).status).toBe(403);
    const buyer = await customer();
    expect((await (await signedIn(buyer)).get(`/api/commissions/qualification?member=${buyer.id}`)).status).toBe(403);
    expect((await supportClient.get('/api/commissions/qualification?member=me')).status).toBe(400);
    expect((await supportClient.get('/api/commissions/qualification')).status).toBe(400);
    expect((await supportClient.get('/api/commissions/qualification?member=99999999')).status).toBe(404);
  });
});
