import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { getMember } from '../../src/members/repository.js';
import type { Client } from '../support/api.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details: { field?: string }[] } };
type OrderBody = { order: Order };
type Rows = { items: { id: string; email?: string }[] };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const home = { line1: '77 Upline Road', city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' };
const card = () => ({ number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2035, cvc: '123', holder: 'Scope Test' });

const ordersOf = async (memberId: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.memberOrders(memberId) },
      }),
    )
  ).Items ?? [];

const logOf = async (memberId: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':log': keys.memberLogPrefix },
      }),
    )
  ).Items ?? [];

let support: Member;

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  support = await createTestMember({ role: 'support' });
});

describe('a partner never spends another member’s card', () => {
  let upline: Member, customer: Member, upClient: Client, customerClient: Client, methodId: string;

  beforeAll(async () => {
    upline = await partnerUnder(null, { address: home });
    customer = await createTestMember({
      role: 'customer',
      sponsorId: upline.id,
      sponsorPath: [upline.id],
      address: austin,
    });
    upClient = await signedIn(upline);
    customerClient = await signedIn(customer);
    const method = await customerClient.post<{ method: { id: string } }>('/api/members/me/payment-methods', {
      card: card(),
    });
    methodId = method.body.method.id;
    const smart = await customerClient.post('/api/members/me/autoships', {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      dayOfMonth: 5,
      paymentMethodId: methodId,
      shippingAddress: austin,
    });
    expect(smart.status).toBe(201);
    const own = await customerClient.post<OrderBody>('/api/orders', {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { paymentMethodId: methodId },
      idempotencyKey: randomUUID(),
    });
    expect(own.status).toBe(201);
    await streamSettled();
  });

  it('shows the upline neither the card id nor the street of its team’s smart orders and orders', async () => {
    const reads = [
      await upClient.get(`/api/members/${customer.id}/autoships`),
      await upClient.get('/api/team/autoships'),
      await upClient.get(`/api/orders?member=${customer.id}`),
    ];
    const [autoships, , orders] = reads;
    for (const read of reads) {
      expect(read.status).toBe(200);
      const text = JSON.stringify(read.body);
      expect(text).not.toContain(methodId);
      expect(text).not.toContain(austin.line1);
    }
    expect((autoships!.body as { items: unknown[] }).items).toHaveLength(1);
    const [order] = (orders!.body as { items: Order[] }).items;
    expect(order?.shippingAddress).toMatchObject({ city: 'Austin', region: 'TX', line1: '' });
    const detail = await upClient.get<OrderBody>(`/api/orders/${order!.id}`);
    expect(JSON.stringify(detail.body)).not.toContain(methodId);
    expect(detail.body.order.shippingAddress.line1).toBe('');
    // The member itself still sees all of it.
    const mine = await customerClient.get<OrderBody>(`/api/orders/${order!.id}`);
    expect(mine.body.order.shippingAddress.line1).toBe(austin.line1);
    expect(mine.body.order.tenders[0]?.paymentMethodId).toBe(methodId);
  });

  it('refuses an upline’s checkout with the member’s saved card, shipped anywhere, and charges nothing', async () => {
    const before = (await ordersOf(customer.id)).length;
    const attempt = await upClient.post<ErrorBody>('/api/orders', {
      memberId: customer.id,
      items: [{ sku: 'VIT-DAILY', quantity: 3 }],
      shippingAddress: home,
      payment: { paymentMethodId: methodId },
      idempotencyKey: randomUUID(),
    });
    expect(attempt.status).toBe(403);
    expect((await ordersOf(customer.id)).length).toBe(before);
    // With a card of its own, the upline may order for its customer.
    const ownCard = await upClient.post<OrderBody>('/api/orders', {
      memberId: customer.id,
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { card: card() },
      idempotencyKey: randomUUID(),
    });
    expect(ownCard.status).toBe(201);
  });

  it('lets staff charge a saved card only with a reason, kept in the member’s log', async () => {
    const staff = await signedIn(support);
    const body = {
      memberId: customer.id,
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { paymentMethodId: methodId },
    };
    const before = (await ordersOf(customer.id)).length;
    const unexplained = await staff.post<ErrorBody>('/api/orders', { ...body, idempotencyKey: randomUUID() });
    expect([unexplained.status, unexplained.body.error.details[0]?.field]).toEqual([422, 'body.reason']);
    expect((await ordersOf(customer.id)).length).toBe(before);
    const placed = await staff.post<OrderBody>('/api/orders', {
      ...body,
      idempotencyKey: randomUUID(),
      reason: 'Member called to reorder, ticket 5120',
    });
    expect(placed.status).toBe(201);
    const entries = (await logOf(customer.id)).filter((e) => e.action === 'support.saved_card_used');
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: support.id,
        reason: 'Member called to reorder, ticket 5120',
        detail: expect.objectContaining({ orderId: placed.body.order.id, last4: '4242' }),
      }),
    ]);
  });
});

describe('staff putting a member’s saved card on a smart order', () => {
  it('needs a reason, kept in the member’s log; the member itself needs none', async () => {
    const member = await partnerUnder(null, { address: austin });
    const own = await signedIn(member);
    const first = await own.post<{ method: { id: string } }>('/api/members/me/payment-methods', { card: card() });
    const second = await own.post<{ method: { id: string } }>('/api/members/me/payment-methods', { card: card() });
    const body = {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      dayOfMonth: 12,
      paymentMethodId: first.body.method.id,
      shippingAddress: austin,
    };
    const staff = await signedIn(support);
    const unexplained = await staff.post<ErrorBody>(`/api/members/${member.id}/autoships`, body);
    expect([unexplained.status, unexplained.body.error.details[0]?.field]).toEqual([422, 'body.reason']);
    const made = await staff.post<{ autoship: { id: string; version: number } }>(
      `/api/members/${member.id}/autoships`,
      { ...body, reason: 'Set up on the phone, ticket 88' },
    );
    expect(made.status).toBe(201);
    expect(made.body.autoship).not.toHaveProperty('reason');
    // Moving it to another of the member's cards needs a reason too; other edits do not.
    const path = `/api/members/${member.id}/autoships/${made.body.autoship.id}`;
    const moved = await staff.request<ErrorBody>('PATCH', path, {
      version: made.body.autoship.version,
      paymentMethodId: second.body.method.id,
    });
    expect([moved.status, moved.body.error.details[0]?.field]).toEqual([422, 'body.reason']);
    const day = await staff.request('PATCH', path, { version: made.body.autoship.version, dayOfMonth: 20 });
    expect(day.status).toBe(200);
    const log = (await logOf(member.id)).filter((e) => e.action === 'support.autoship_created');
    expect(log).toEqual([expect.objectContaining({ actorId: support.id, reason: 'Set up on the phone, ticket 88' })]);
    // The member on its own smart order: no reason asked.
    expect((await own.post('/api/members/me/autoships', { ...body, dayOfMonth: 3 })).status).toBe(201);
  });
});

describe('scope holds in every parameter', () => {
  it('after a support move, the previous upline gets 404 for the moved line’s teams', async () => {
    /**
     *   a ── b ── c        x (another organization)
     * support moves b (with c) under x; then x's partner d is placed under c.
     */
    const a = await partnerUnder(null);
    const b = await partnerUnder(a);
    const c = await partnerUnder(b);
    const x = await partnerUnder(null);
    await streamSettled();
    const staff = await signedIn(support);
    const moved = await staff.request('PUT', `/api/members/${b.id}/placement`, {
      parentId: x.id,
      reason: 'Ticket 77: wrong leg',
    });
    expect(moved.status).toBe(200);
    await streamSettled();
    const cNow = (await getMember(c.id))!;
    const d = await createTestMember({
      sponsorId: x.id,
      sponsorPath: [x.id],
      placementId: c.id,
      placementPath: [...cNow.placementPath, c.id],
      email: `d.other.line.${Date.now()}@example.com`,
    });
    await streamSettled();

    const fromA = await signedIn(a);
    // Placement reports, the placement tree and placement searches, `of` someone now in x's line: 404.
    for (const path of [
      `/api/team/unilevel?of=${c.id}`,
      `/api/team/unilevel?of=${b.id}`,
      `/api/team/new-partners?of=${c.id}`,
      `/api/team/ranks?of=${c.id}`,
      `/api/team/activity?of=${c.id}`,
      `/api/team/enrollments-by-month?of=${c.id}`,
      `/api/team/autoships?of=${c.id}`,
      `/api/genealogy/search?q=Test&of=${c.id}`,
      `/api/genealogy/placement/children/${c.id}`,
      `/api/genealogy/placement/nodes/${c.id}`,
      // Commissions follow the placement tree too.
      `/api/commissions/summary?member=${b.id}`,
      `/api/commissions/volumes?member=${c.id}`,
      `/api/commissions/rank-progress?member=${c.id}`,
      `/api/team/rank-advancements?member=${b.id}`,
    ]) {
      const response = await fromA.get<ErrorBody>(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    // Its own unilevel no longer holds the moved line, and nothing anywhere shows d's email to a.
    const own = await fromA.get<Rows>('/api/team/unilevel');
    expect(own.body.items.map((r) => r.id)).toEqual([]);
    // The enroller tree is still a's: b and c are a's enrollees' line (no one from x's line in it).
    const enrolled = await fromA.get<Rows>(`/api/team/enrolled?of=${b.id}`);
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.items.map((r) => r.id)).toEqual([c.id]);
    expect(JSON.stringify(enrolled.body)).not.toContain(d.email);
    // x, whose line it is now, sees d under c.
    const fromX = await signedIn(x);
    const xView = await fromX.get<Rows>(`/api/team/unilevel?of=${c.id}`);
    expect(xView.body.items.map((r) => r.id)).toEqual([d.id]);
  });

  it('lists only members the caller may see when `of` is a spillover partner (its enrollees, not its customers)', async () => {
    //   s ── v ── p (sponsored by s, spilled under v) ── e (p's enrollee);  cu: p's customer
    const s = await partnerUnder(null);
    const v = await partnerUnder(s);
    const p = await partnerUnder(v, { sponsorId: s.id, sponsorPath: [s.id] });
    const e = await partnerUnder(p);
    const cu = await createTestMember({
      role: 'customer',
      sponsorId: p.id,
      sponsorPath: [s.id, p.id],
      email: `cu.${Date.now()}@example.com`,
    });
    await streamSettled();
    const fromV = await signedIn(v);
    const enrolled = await fromV.get<Rows>(`/api/team/enrolled?of=${p.id}`);
    expect(enrolled.body.items.map((r) => r.id)).toEqual([e.id]);
    const customers = await fromV.get<Rows>(`/api/team/customers?of=${p.id}`);
    expect(customers.status).toBe(200);
    expect(customers.body.items).toEqual([]);
    expect(JSON.stringify(customers.body)).not.toContain(cu.email);
    expect((await fromV.get(`/api/members/${cu.id}`)).status).toBe(404);
    // p's sponsor sees its own line's customer.
    const fromS = await signedIn(s);
    expect((await fromS.get<Rows>(`/api/team/customers?of=${p.id}`)).body.items.map((r) => r.id)).toEqual([cu.id]);
  });

  it('an idempotency key is the caller’s: another member replaying it gets its own order, never the first one', async () => {
    const first = await partnerUnder(null, { address: austin });
    const second = await partnerUnder(null, { address: austin });
    const key = randomUUID();
    const body = {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { card: card() },
      idempotencyKey: key,
    };
    const firstClient = await signedIn(first);
    const original = await firstClient.post<OrderBody>('/api/orders', body);
    expect(original.status).toBe(201);
    expect((await firstClient.post<OrderBody>('/api/orders', body)).body.order.id).toBe(original.body.order.id);

    const replayed = await (await signedIn(second)).post<OrderBody>('/api/orders', body);
    expect(replayed.status).toBe(201);
    expect(replayed.body.order.id).not.toBe(original.body.order.id);
    expect(replayed.body.order.buyerId).toBe(second.id);
    expect(JSON.stringify(replayed.body)).not.toContain(first.id);
    // Each was charged once, on its own: two orders, one per member.
    expect((await ordersOf(first.id)).length).toBe(1);
    expect((await ordersOf(second.id)).length).toBe(1);
  });

  it('the same caller reusing a key for someone else’s checkout gets a 409, not its first order', async () => {
    const partner = await partnerUnder(null, { address: austin });
    const customer = await createTestMember({
      role: 'customer',
      sponsorId: partner.id,
      sponsorPath: [partner.id],
      address: austin,
    });
    const client = await signedIn(partner);
    const key = randomUUID();
    const body = {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { card: card() },
      idempotencyKey: key,
    };
    expect((await client.post('/api/orders', body)).status).toBe(201);
    const other = await client.post<ErrorBody>('/api/orders', { ...body, memberId: customer.id });
    expect([other.status, other.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    expect((await ordersOf(customer.id)).length).toBe(0);
  });
});
