import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { backfillOrderIndexes } from '../../src/orders/backfill.js';
import { orderItem } from '../../src/orders/repository.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import type { Client } from '../support/api.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type OrderBody = { order: Order };
type ListBody = { items: Order[]; cursor: string | null };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = (number: string = SANDBOX_CARDS.success) => ({
  number,
  expMonth: 12,
  expYear: 2035,
  cvc: '123',
  holder: 'Queue Test',
});

let partner: Member, customer: Member, support: Member, admin: Member;
let staff: Client;
/** Order ids by the state each was left in. */
const made: Record<string, string[]> = {};
const remember = (state: string, id: string) => (made[state] ??= []).push(id);

async function place(client: Client, extra: Record<string, unknown> = {}) {
  const response = await client.post<OrderBody>('/api/orders', {
    items: [{ sku: 'VIT-DAILY', quantity: 1 }],
    shippingAddress: austin,
    payment: { card: card() },
    idempotencyKey: randomUUID(),
    ...extra,
  });
  expect(response.status).toBe(201);
  return response.body.order;
}

/** Every page of a list, following its cursor. */
async function allPages(client: Client, query: string, limit = 2) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { status: number; body: ListBody } = await client.get<ListBody>(
      `/api/orders?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((o) => o.id));
    cursor = page.body.cursor;
    pages++;
  } while (cursor && pages < 50);
  return ids;
}

const sorted = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  partner = await partnerUnder(null, { address: austin });
  customer = await createTestMember({
    role: 'customer',
    sponsorId: partner.id,
    sponsorPath: [partner.id],
    address: austin,
  });
  support = await createTestMember({ role: 'support' });
  admin = await createTestMember({ role: 'admin' });
  staff = await signedIn(support);
  const own = await signedIn(partner);

  remember('paid', (await place(own)).id);
  remember('paid', (await place(await signedIn(customer))).id);

  const open = await place(staff, { memberId: customer.id, payLater: true, payment: {} });
  remember('open', open.id);

  const toDecline = await place(staff, { memberId: partner.id, payLater: true, payment: {} });
  const declined = await staff.post(`/api/orders/${toDecline.id}/payments`, {
    payment: { card: card(SANDBOX_CARDS.declined) },
    reason: 'member on the phone',
  });
  expect(declined.status).toBe(402);
  remember('declined', toDecline.id);

  const toCancel = await place(staff, { memberId: customer.id, payLater: true, payment: {} });
  expect((await staff.post(`/api/orders/${toCancel.id}/cancel`, { reason: 'changed their mind' })).status).toBe(200);
  remember('canceled', toCancel.id);

  const toRefund = await place(own);
  expect((await staff.post(`/api/orders/${toRefund.id}/refunds`, { reason: 'damaged in transit' })).status).toBe(200);
  remember('refunded', toRefund.id);

  const partly = await place(own, { items: [{ sku: 'VIT-DAILY', quantity: 2 }] });
  const partial = await staff.post(`/api/orders/${partly.id}/refunds`, {
    lines: [{ sku: 'VIT-DAILY', quantity: 1 }],
    reason: 'one bottle broken',
  });
  expect(partial.status).toBe(200);
  remember('paid', partly.id);
  remember('partial', partly.id);

  const toShip = await place(own);
  expect(
    (await staff.request('PUT', `/api/orders/${toShip.id}/shipment`, { trackingNumber: '1Z999AA10123456784' })).status,
  ).toBe(200);
  remember('shipped', toShip.id);

  const toDeliver = await place(await signedIn(customer));
  await staff.request('PUT', `/api/orders/${toDeliver.id}/shipment`, { trackingNumber: '1Z999AA10123456785' });
  expect((await staff.post(`/api/orders/${toDeliver.id}/delivery`)).status).toBe(200);
  remember('delivered', toDeliver.id);
});

describe('company-wide order lists for staff', () => {
  it('lists every order of the company, newest first, page by page', async () => {
    const first = await staff.get<ListBody>('/api/orders?limit=200');
    expect(first.status).toBe(200);
    const everything = Object.entries(made)
      .filter(([state]) => state !== 'partial')
      .flatMap(([, ids]) => ids);
    expect(sorted(first.body.items.map((o) => o.id))).toEqual(sorted(everything));
    const times = first.body.items.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // Small pages cover the same orders, none twice.
    expect(await allPages(staff, '')).toEqual(first.body.items.map((o) => o.id));
  });

  it('filters by every status, and by "returned" (any refund), paged', async () => {
    for (const status of ['open', 'paid', 'shipped', 'delivered', 'declined', 'canceled', 'refunded']) {
      const ids = await allPages(staff, `&status=${status}`);
      expect({ status, ids: sorted(ids) }).toEqual({ status, ids: sorted(made[status] ?? []) });
    }
    const returned = await allPages(staff, '&status=returned', 1);
    expect(sorted(returned)).toEqual(sorted([...made.refunded!, ...made.partial!]));
  });

  it('narrows by type and date like a member’s history', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await allPages(staff, `&type=autoship`)).length).toBe(0);
    expect((await allPages(staff, `&from=${today}&to=${today}&status=paid`)).length).toBe(made.paid!.length);
    expect((await allPages(staff, `&to=2000-01-01`)).length).toBe(0);
  });

  it('is for staff: admin sees it too; a partner without `member` sees only its own orders', async () => {
    const byAdmin = await (await signedIn(admin)).get<ListBody>('/api/orders?limit=200&status=refunded');
    expect(byAdmin.body.items.map((o) => o.id)).toEqual(made.refunded);
    const own = await (await signedIn(partner)).get<ListBody>('/api/orders?limit=200');
    expect(own.status).toBe(200);
    expect(new Set(own.body.items.map((o) => o.buyerId))).toEqual(new Set([partner.id]));
    const fromCustomer = await (await signedIn(customer)).get<ListBody>('/api/orders?limit=200');
    expect(new Set(fromCustomer.body.items.map((o) => o.buyerId))).toEqual(new Set([customer.id]));
  });

  it('backfills orders written before these lists existed, once, changing nothing else', async () => {
    const template = (await staff.get<OrderBody>(`/api/orders/${made.refunded![0]}`)).body.order;
    const old: Order = { ...template, id: '99000001', createdAt: '2025-01-02T03:04:05.000Z' };
    const { GSI3PK: _a, GSI3SK: _b, GSI4PK: _c, GSI4SK: _d, ...legacy } = orderItem(old);
    await db().send(new PutCommand({ TableName: env.tableName(), Item: legacy }));
    expect(await allPages(staff, '', 50)).not.toContain(old.id);

    expect(await backfillOrderIndexes()).toBe(1);
    expect(await backfillOrderIndexes()).toBe(0);
    expect(await allPages(staff, '', 50)).toContain(old.id);
    expect(await allPages(staff, '&status=returned', 50)).toContain(old.id);
    const stored = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.order(old.id) }));
    expect(stored.Item).toEqual(orderItem(old));
  });

  it('refuses a malformed filter with a 400 naming it', async () => {
    const bad = await staff.get<{ error: { details: { field?: string }[] } }>('/api/orders?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe('query.status');
  });
});
