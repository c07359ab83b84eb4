import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '@arbor/shared/catalog/product';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import type { Autoship } from '@arbor/shared/orders/autoship';
import { addMonths, type MemberServiceView, type PointsEntry } from '@arbor/shared/services/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { productItem } from '../../src/catalog/repository.js';
import { autoshipItem, getAutoship } from '../../src/autoship/repository.js';
import { createAutoship } from '../../src/autoship/service.js';
import { processAutoship } from '../../src/autoship/run.js';
import { saveCard } from '../../src/payments/methods.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { getMember } from '../../src/members/repository.js';
import { signedIn, type Client } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type ServiceBody = { service: MemberServiceView };
type Statement = { balance: number; items: (PointsEntry & { balanceAfter: number })[]; cursor: string | null };
type LogBody = { items: { action: string; actorId: string; reason?: string; detail?: Record<string, unknown> }[] };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2035, cvc: '123', holder: 'Services Test' };
const today = () => new Date().toISOString().slice(0, 10);

/** The renewal products of the test service: a catalog product each, sold in the US. */
function serviceProduct(sku: string, cents: number): Product {
  const at = new Date().toISOString();
  return {
    sku,
    name: { en: sku, es: sku },
    description: { en: '', es: '' },
    categories: [],
    qualities: [],
    images: [],
    markets: { US: { price: { amount: cents, currency: 'USD' }, pv: 0, cv: 0 } },
    active: true,
    autoshipEligible: true,
    weightGrams: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

const techOffice = {
  name: { en: 'Back office technology', es: 'Tecnología de oficina virtual' },
  term: 'monthly',
  active: true,
  tiers: [
    { code: 'basic', name: { en: 'Basic', es: 'Básico' }, sku: 'TECH-BASIC', credits: 0 },
    { code: 'pro', name: { en: 'Pro', es: 'Pro' }, sku: 'TECH-PRO', credits: 100 },
  ],
};

let admin: Member, support: Member, upline: Member;
let adminClient: Client, supportClient: Client;

/** A member of the upline's team with its own email (the SES stand-in is shared between test files). */
const teamMember = (extra: Partial<Member> = {}) =>
  partnerUnder(upline, { address: austin, ...extra }).then(async (m) => m);

async function member(kind: 'partner' | 'customer' = 'partner') {
  const created =
    kind === 'partner'
      ? await teamMember()
      : await createTestMember({
          role: 'customer',
          sponsorId: upline.id,
          sponsorPath: [upline.id],
          address: austin,
        });
  return created;
}

const activate = (memberId: string, tier = 'basic', reason = 'Courtesy month after the outage') =>
  supportClient.post<ServiceBody>(`/api/members/${memberId}/services/tech/actions`, {
    action: 'activate',
    tier,
    reason,
  });

const servicesOf = async (client: Client, id: string) =>
  (await client.get<{ items: MemberServiceView[] }>(`/api/members/${id}/services`)).body.items;

const pointsOf = async (client: Client, id: string, query = '') =>
  (await client.get<Statement>(`/api/members/${id}/points${query}`)).body;

beforeAll(async () => {
  await putCompanySettings();
  for (const product of [serviceProduct('TECH-BASIC', 1999), serviceProduct('TECH-PRO', 3999)]) {
    await db().send(new PutCommand({ TableName: env.tableName(), Item: productItem(product) }));
  }
  await seedShop();
  admin = await createTestMember({ role: 'admin' });
  support = await createTestMember({ role: 'support' });
  upline = await partnerUnder(null, { address: austin });
  adminClient = await signedIn(admin);
  supportClient = await signedIn(support);
  const created = await adminClient.request('PUT', '/api/admin/services/tech', techOffice);
  expect(created.status).toBe(200);
  const rule = await adminClient.request('PUT', '/api/admin/points-rule', {
    enabled: true,
    earnPoints: 1,
    earnPer: 100,
    pointValue: 1,
    version: 0,
  });
  expect(rule.status).toBe(200);
});

describe('the services catalog', () => {
  it('validates every tier: a SKU the catalog lacks, a tier twice, a term it does not know (nothing saved)', async () => {
    const unknown = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/travel', {
      ...techOffice,
      tiers: [{ code: 'club', name: { en: 'Club', es: 'Club' }, sku: 'NO-SUCH-SKU', credits: 500 }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0]).toMatchObject({ field: 'body.tiers.0.sku', rule: 'unknown_sku' });

    const twice = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/travel', {
      ...techOffice,
      tiers: [techOffice.tiers[0], { ...techOffice.tiers[0], sku: 'GREENS' }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.map((d) => d.field)).toContain('body.tiers.1.code');

    const yearly = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/travel', {
      ...techOffice,
      term: 'yearly',
    });
    expect(yearly.status).toBe(400);
    expect(yearly.body.error.details.map((d) => d.field)).toContain('body.term');

    const badCode = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/NOT%20A%20CODE!', techOffice);
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details[0]?.field).toBe('params.code');

    // A SKU renews one service only: a paid order must know what it renews.
    const taken = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/travel', techOffice);
    expect(taken.status).toBe(422);
    expect(taken.body.error.details[0]).toMatchObject({ field: 'body.tiers.0.sku', rule: 'sku_taken' });

    const catalog = await adminClient.get<{ items: { code: string }[] }>('/api/services');
    expect(catalog.body.items.map((s) => s.code)).toEqual(['tech']);
  });

  it('creates once, then replaces only the version read; only an admin writes it', async () => {
    const again = await adminClient.request<ErrorBody>('PUT', '/api/admin/services/tech', techOffice);
    expect([again.status, again.body.error.code]).toEqual([409, 'version_conflict']);
    const dining = {
      ...techOffice,
      tiers: [{ code: 'gold', name: { en: 'Gold', es: 'Oro' }, sku: 'GREENS', credits: 0 }],
    };
    const created = await adminClient.request<{ service: { version: number } }>(
      'PUT',
      '/api/admin/services/dining',
      dining,
    );
    expect(created.body.service.version).toBe(1);
    const updates = await Promise.all(
      Array.from({ length: 5 }, () =>
        adminClient.request('PUT', '/api/admin/services/dining', { ...dining, active: false, version: 1 }),
      ),
    );
    expect(updates.map((u) => u.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const bySupport = await supportClient.request('PUT', '/api/admin/services/dining', { ...dining, version: 2 });
    expect(bySupport.status).toBe(403);
    const partner = await signedIn(await member());
    const shown = await partner.get<{ items: { code: string }[] }>('/api/services');
    // Members see the services offered (dining was just retired).
    expect(shown.body.items.map((s) => s.code)).toEqual(['tech']);
  });
});

describe("support's actions on a member's services", () => {
  it('activates, renews, reloads, suspends and downgrades, each with its reason and from -> to in the member log', async () => {
    const partner = await member();
    const activated = await activate(partner.id, 'pro');
    expect(activated.status).toBe(200);
    expect(activated.body.service).toMatchObject({
      status: 'active',
      tier: 'pro',
      startedOn: today(),
      expiresOn: addMonths(today(), 1),
      credits: 100,
    });
    let version = activated.body.service.version;
    const act = async (body: Record<string, unknown>) => {
      const response = await supportClient.post<ServiceBody>(`/api/members/${partner.id}/services/tech/actions`, {
        version,
        reason: 'Member called about its subscription',
        ...body,
      });
      if (response.status === 200) version = response.body.service.version;
      return response;
    };
    expect((await act({ action: 'renew' })).body.service.expiresOn).toBe(addMonths(today(), 2));
    expect((await act({ action: 'reload', credits: 250 })).body.service.credits).toBe(350);
    expect((await act({ action: 'downgrade', tier: 'basic' })).body.service).toMatchObject({
      tier: 'basic',
      tierSku: 'TECH-BASIC',
    });
    const upgradeDown = await act({ action: 'downgrade', tier: 'pro' });
    expect([upgradeDown.status, (upgradeDown.body as unknown as ErrorBody).error.details[0]?.field]).toEqual([
      422,
      'body.tier',
    ]);
    expect((await act({ action: 'suspend' })).body.service.status).toBe('suspended');
    const reloadSuspended = await act({ action: 'reload', credits: 5 });
    expect(reloadSuspended.status).toBe(422);

    const log = await supportClient.get<LogBody>(`/api/members/${partner.id}/log?limit=20`);
    const entries = log.body.items.filter((e) => e.action.startsWith('service.'));
    expect(entries.map((e) => e.action)).toEqual([
      'service.suspend',
      'service.downgrade',
      'service.reload',
      'service.renew',
      'service.activate',
    ]);
    expect(entries.every((e) => e.actorId === support.id && e.reason)).toBe(true);
    expect(entries[1]?.detail).toMatchObject({ service: 'tech', tier: { from: 'pro', to: 'basic' } });
    expect(entries[2]?.detail).toMatchObject({ credits: { from: 100, to: 350 } });
    expect(entries[4]?.reason).toBe('Courtesy month after the outage');

    // The partner sees its own, as support does.
    const own = await servicesOf(await signedIn(partner), 'me');
    expect(own).toMatchObject([{ code: 'tech', status: 'suspended', tier: 'basic', credits: 350 }]);
  });

  it('applies ten identical renewals sent at once once (the version read decides)', async () => {
    const partner = await member();
    const { version } = (await activate(partner.id)).body.service;
    const renewals = await Promise.all(
      Array.from({ length: 10 }, () =>
        supportClient.post(`/api/members/${partner.id}/services/tech/actions`, {
          action: 'renew',
          version,
          reason: 'One courtesy month',
        }),
      ),
    );
    expect(renewals.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const [service] = await servicesOf(supportClient, partner.id);
    expect(service?.expiresOn).toBe(addMonths(today(), 2));
    const log = await supportClient.get<LogBody>(`/api/members/${partner.id}/log`);
    expect(log.body.items.filter((e) => e.action === 'service.renew')).toHaveLength(1);
  });

  it('refuses partners, customers and any action on a staff account, and changes nothing', async () => {
    const partner = await member();
    const customer = await member('customer');
    const body = { action: 'activate', tier: 'basic', reason: 'I would like it free' };
    for (const caller of [partner, customer]) {
      const client = await signedIn(caller);
      const self = await client.post(`/api/members/me/services/tech/actions`, body);
      expect(self.status).toBe(403);
      expect(
        (
          await client.post(`/api/members/me/points/adjustments`, {
            points: 1000,
            reason: 'free points',
            idempotencyKey: randomUUID(),
          })
        ).status,
      ).toBe(403);
    }
    const upline1 = await signedIn(upline);
    expect((await upline1.post(`/api/members/${partner.id}/services/tech/actions`, body)).status).toBe(403);
    // An upline does not read its downline's services or points either.
    expect((await upline1.get(`/api/members/${partner.id}/services`)).status).toBe(404);
    expect((await upline1.get(`/api/members/${partner.id}/points`)).status).toBe(404);
    for (const staff of [admin, support, await createTestMember({ role: 'support' })]) {
      for (const client of [supportClient, adminClient]) {
        expect((await client.post(`/api/members/${staff.id}/services/tech/actions`, body)).status).toBe(403);
        const points = await client.post(`/api/members/${staff.id}/points/adjustments`, {
          points: 10,
          reason: 'staff perk',
          idempotencyKey: randomUUID(),
        });
        expect(points.status).toBe(403);
      }
    }
    expect(await servicesOf(supportClient, partner.id)).toEqual([]);
    expect(await servicesOf(supportClient, customer.id)).toEqual([]);
  });

  it('answers malformed actions with a 400 naming the field', async () => {
    const partner = await member();
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'explode', reason: 'because' }, 'body.action'],
      [{ action: 'activate', tier: 'basic' }, 'body.reason'],
      [{ action: 'reload', version: 1, credits: 2.5, reason: 'reload' }, 'body.credits'],
      [{ action: 'renew', version: 'one', reason: 'renew' }, 'body.version'],
    ];
    for (const [body, field] of cases) {
      const response = await supportClient.post<ErrorBody>(`/api/members/${partner.id}/services/tech/actions`, body);
      expect(response.status, field).toBe(400);
      expect(
        response.body.error.details.map((d) => d.field),
        field,
      ).toContain(field);
    }
    const unknownMember = await supportClient.post('/api/members/99999999/services/tech/actions', {
      action: 'activate',
      tier: 'basic',
      reason: 'nobody',
    });
    expect(unknownMember.status).toBe(404);
    expect(await servicesOf(supportClient, partner.id)).toEqual([]);
  });
});

describe('renewal through the smart order', () => {
  async function holderWithSmartOrder() {
    const partner = await member();
    const method = await saveCard(partner.id, card);
    const autoship = await createAutoship((await getMember(partner.id))!, {
      items: [{ sku: 'TECH-BASIC', quantity: 1 }],
      dayOfMonth: 5,
      paymentMethodId: method.id,
      shippingAddress: austin,
    });
    const activated = await supportClient.post<ServiceBody>(`/api/members/${partner.id}/services/tech/actions`, {
      action: 'activate',
      tier: 'basic',
      autoshipId: autoship.id,
      reason: 'Signed up on the phone',
    });
    expect(activated.body.service.autoshipId).toBe(autoship.id);
    return { partner, autoship, method };
  }

  async function dueOn(autoship: Autoship, date: string) {
    const current = (await getAutoship(autoship.memberId, autoship.id))!;
    await db().send(
      new PutCommand({ TableName: env.tableName(), Item: autoshipItem({ ...current, nextRunDate: date }) }),
    );
  }

  it('moves the expiry one term forward per paid run, once, however often the run is delivered', async () => {
    const { partner, autoship } = await holderWithSmartOrder();
    await dueOn(autoship, '2031-03-05');
    const message = { autoshipId: autoship.id, memberId: partner.id, dueDate: '2031-03-05' };
    // The same run delivered three times at once, then once more after it finished.
    const outcomes = await Promise.allSettled([
      processAutoship(message),
      processAutoship(message),
      processAutoship(message),
    ]);
    expect(outcomes.some((o) => o.status === 'fulfilled' && o.value === 'paid')).toBe(true);
    expect(await processAutoship(message)).toBe('skipped');

    const [service] = await servicesOf(supportClient, partner.id);
    expect(service).toMatchObject({ terms: 2, expiresOn: addMonths(today(), 2), status: 'active' });
    const log = await supportClient.get<LogBody>(`/api/members/${partner.id}/log`);
    const renewed = log.body.items.filter((e) => e.action === 'service.renewed');
    expect(renewed).toHaveLength(1);
    expect(renewed[0]?.detail).toMatchObject({ service: 'tech', terms: 1 });

    // The next month's run renews again.
    await dueOn(autoship, '2031-04-05');
    expect(await processAutoship({ ...message, dueDate: '2031-04-05' })).toBe('paid');
    expect((await servicesOf(supportClient, partner.id))[0]?.expiresOn).toBe(addMonths(today(), 3));
  });

  it('renews when the partner buys the tier’s product itself (Account -> Services -> Renew)', async () => {
    const { partner, method } = await holderWithSmartOrder();
    const client = await signedIn(partner);
    const idempotencyKey = randomUUID();
    const order = () =>
      client.post<{ order: Order }>('/api/orders', {
        items: [{ sku: 'TECH-BASIC', quantity: 2 }],
        shippingAddress: austin,
        payment: { paymentMethodId: method.id },
        idempotencyKey,
      });
    const placed = await order();
    expect(placed.status).toBe(201);
    // The same checkout sent again is the same order: no second renewal.
    expect((await order()).body.order.id).toBe(placed.body.order.id);
    expect((await servicesOf(client, 'me'))[0]).toMatchObject({ terms: 3, expiresOn: addMonths(today(), 3) });
  });
});

describe('reward points', () => {
  const buy = (client: Client, body: Record<string, unknown>) =>
    client.post<{ order: Order } & ErrorBody>('/api/orders', {
      shippingAddress: austin,
      payment: { card },
      idempotencyKey: randomUUID(),
      ...body,
    });

  it('earns on a paid order by the rule, once, and a refund takes back the refunded share', async () => {
    const partner = await member();
    const client = await signedIn(partner);
    const placed = await buy(client, { items: [{ sku: 'VIT-DAILY', quantity: 2 }] });
    expect(placed.status).toBe(201);
    const order = placed.body.order;
    const earned = Math.floor(order.subtotal / 100);
    expect(order.pointsEarned).toBe(earned);
    let statement = await pointsOf(client, 'me');
    expect(statement.balance).toBe(earned);
    expect(statement.items).toEqual([
      expect.objectContaining({ kind: 'earn', points: earned, orderId: order.id, balanceAfter: earned }),
    ]);

    const refund = await supportClient.post(`/api/orders/${order.id}/refunds`, {
      lines: [{ sku: 'VIT-DAILY', quantity: 1 }],
      reason: 'One bottle arrived broken',
    });
    expect(refund.status).toBe(200);
    const reversed = Math.floor(earned / 2);
    statement = await pointsOf(supportClient, partner.id);
    expect(statement.balance).toBe(earned - reversed);
    expect(statement.items[0]).toMatchObject({ kind: 'refund', points: -reversed, balanceAfter: earned - reversed });
    // The rest of the order refunded: everything earned is taken back, never more.
    await supportClient.post(`/api/orders/${order.id}/refunds`, { reason: 'Returned the other one' });
    expect((await pointsOf(client, 'me')).balance).toBe(0);
  });

  it('spends points at checkout as a tender; ten parallel checkouts spending the same points: one succeeds', async () => {
    const partner = await member();
    const client = await signedIn(partner);
    const quote = await client.post<{ quote: { total: number }; points: { balance: number } | null }>(
      '/api/cart/quote',
      { items: [{ sku: 'VIT-DAILY', quantity: 1 }], shippingAddress: austin },
    );
    const total = quote.body.quote.total;
    const adjusted = await supportClient.post(`/api/members/${partner.id}/points/adjustments`, {
      points: total,
      reason: 'Goodwill for the late delivery',
      idempotencyKey: randomUUID(),
    });
    expect(adjusted.body).toMatchObject({ balance: total });
    const priced = await client.post<{ points: { applied: number; amount: number }; cardAmount: number }>(
      '/api/cart/quote',
      { items: [{ sku: 'VIT-DAILY', quantity: 1 }], shippingAddress: austin, points: total },
    );
    expect(priced.body).toMatchObject({ points: { applied: total, amount: total }, cardAmount: 0 });

    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        buy(client, { items: [{ sku: 'VIT-DAILY', quantity: 1 }], points: total, payment: {} }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 422)).toBe(true);
    const paid = attempts.find((a) => a.status === 201)!.body.order;
    expect(paid.tenders).toEqual([expect.objectContaining({ kind: 'points', points: total, amount: total })]);
    // What points paid earns nothing.
    expect(paid.pointsEarned ?? 0).toBe(0);
    let statement = await pointsOf(client, 'me');
    expect(statement.balance).toBe(0);
    expect(statement.items.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['spend', -total, 0],
      ['adjust', total, total],
    ]);
    const orders = await client.get<{ items: Order[] }>('/api/orders?member=me');
    expect(orders.body.items).toHaveLength(1);

    // No points left: the next checkout is refused, naming the field, and nothing is charged or written.
    const broke = await buy(client, { items: [{ sku: 'VIT-DAILY', quantity: 1 }], points: 10 });
    expect([broke.status, broke.body.error.details[0]?.field]).toEqual([422, 'body.points']);

    // A refund gives the points back to the tender that paid with them.
    await supportClient.post(`/api/orders/${paid.id}/refunds`, { reason: 'Changed its mind' });
    statement = await pointsOf(client, 'me');
    expect(statement.balance).toBe(total);
    expect(statement.items[0]).toMatchObject({ kind: 'refund', points: total, orderId: paid.id });
  });

  it('adjusts once per idempotency key, never below zero, with the reason in the member log', async () => {
    const customer = await member('customer');
    const idempotencyKey = randomUUID();
    const repeats = await Promise.all(
      Array.from({ length: 10 }, () =>
        supportClient.post(`/api/members/${customer.id}/points/adjustments`, {
          points: 500,
          reason: 'Birthday gift',
          idempotencyKey,
        }),
      ),
    );
    expect(repeats.every((r) => r.status === 200)).toBe(true);
    expect((await pointsOf(supportClient, customer.id)).balance).toBe(500);
    const tooMuch = await supportClient.post<ErrorBody>(`/api/members/${customer.id}/points/adjustments`, {
      points: -501,
      reason: 'Correction',
      idempotencyKey: randomUUID(),
    });
    expect([tooMuch.status, tooMuch.body.error.details[0]?.field]).toEqual([422, 'body.points']);
    const log = await supportClient.get<LogBody>(`/api/members/${customer.id}/log`);
    expect(log.body.items.filter((e) => e.action === 'points.adjust')).toEqual([
      expect.objectContaining({ actorId: support.id, reason: 'Birthday gift', detail: { points: 500 } }),
    ]);
    // The customer reads its own history; pages carry the balance after each entry.
    const client = await signedIn(customer);
    for (let i = 0; i < 3; i++) {
      await supportClient.post(`/api/members/${customer.id}/points/adjustments`, {
        points: -100,
        reason: 'Correction',
        idempotencyKey: randomUUID(),
      });
    }
    const first = await pointsOf(client, 'me', '?limit=2');
    expect(first.items.map((e) => e.balanceAfter)).toEqual([200, 300]);
    const second = await pointsOf(client, 'me', `?limit=2&cursor=${first.cursor}`);
    expect(second.items.map((e) => e.balanceAfter)).toEqual([400, 500]);
  });

  it('refuses malformed points with a 400 naming the field', async () => {
    const partner = await member();
    const client = await signedIn(partner);
    const half = await buy(client, { items: [{ sku: 'VIT-DAILY', quantity: 1 }], points: 1.5 });
    expect([half.status, half.body.error.details[0]?.field]).toEqual([400, 'body.points']);
    for (const [body, field] of [
      [{ points: 0, reason: 'nothing', idempotencyKey: randomUUID() }, 'body.points'],
      [{ points: 10, reason: 'no key' }, 'body.idempotencyKey'],
      [{ points: 10, idempotencyKey: randomUUID() }, 'body.reason'],
    ] as const) {
      const response = await supportClient.post<ErrorBody>(`/api/members/${partner.id}/points/adjustments`, body);
      expect([response.status, response.body.error.details[0]?.field]).toEqual([400, field]);
    }
    const rule = await adminClient.request<ErrorBody>('PUT', '/api/admin/points-rule', {
      enabled: true,
      earnPoints: 1,
      earnPer: 0,
      pointValue: 0.5,
      version: 1,
    });
    expect(rule.status).toBe(400);
    expect(rule.body.error.details.map((d) => d.field)).toEqual(['body.earnPer', 'body.pointValue']);
    expect((await pointsOf(client, 'me')).balance).toBe(0);
  });
});
