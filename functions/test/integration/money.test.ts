/**
 * Money moves once and only to where it came from: refunds go to captured
 * charges through the gateway, parallel or retried requests move money once,
 * a canceled or inactive member is never charged, and whatever staff do with a
 * member's money lands in its log.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Autoship } from '@arbor/shared/orders/autoship';
import type { Order } from '@arbor/shared/orders/model';
import { Random } from '@arbor/shared/demo/random';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { processAutoship } from '../../src/autoship/run.js';
import { autoshipItem, getAutoship } from '../../src/autoship/repository.js';
import { paymentGateway, SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import type { Client } from '../support/api.js';
import { signedIn } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import { drainQueue } from '../support/stand-ins.js';
import { createTestMember, partnerUnder, putCompanySettings, putItem } from '../support/members.js';

type OrderBody = { order: Order };
type ErrorBody = { error: { code: string; details: { field?: string }[] } };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = (number: string = SANDBOX_CARDS.success) => ({
  number,
  expMonth: 12,
  expYear: 2035,
  cvc: '123',
  holder: 'Test Buyer',
});

let buyer: Member, support: Member;
let buyerClient: Client, staff: Client;

async function scanGateway() {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: env.tableName(),
        FilterExpression: 'begins_with(PK, :p)',
        ExpressionAttributeValues: { ':p': 'GATEWAY#CHARGE#' },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** What the gateway did for an order: its approved charges and every refund sent against them. */
async function gatewayBooks(order: Order) {
  const all = await scanGateway();
  const charges = all.filter(
    (i) =>
      i.entity === 'gatewayCharge' &&
      i.description === `Order ${order.id}` &&
      (i.result as { status: string }).status === 'approved',
  );
  const transactions = new Set(charges.map((c) => (c.result as { transactionId: string }).transactionId));
  const refunds = all.filter((i) => i.entity === 'gatewayRefund' && transactions.has(i.transactionId as string));
  return {
    charged: charges.reduce((s, c) => s + (c.amount as number), 0),
    charges,
    refunds: refunds.map((r) => ({ transactionId: r.transactionId as string, amount: r.amount as number })),
    refunded: refunds.reduce((s, r) => s + (r.amount as number), 0),
  };
}

const giftCardRefunds = (order: Order) =>
  order.refunds
    .flatMap((r) => r.parts ?? [])
    .filter((p) => p.kind === 'gift_card')
    .reduce((s, p) => s + p.amount, 0);

async function memberLog(memberId: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':p': keys.memberLogPrefix },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function newGiftCard(amount: number) {
  const code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
  await putItem({ ...keys.giftCard(code), entity: 'giftCard', code, balance: amount, currency: 'USD', active: true });
  return code;
}

const place = async (quantity = 2, extra: Record<string, unknown> = {}) => {
  const placed = await buyerClient.post<OrderBody>('/api/orders', {
    items: [{ sku: 'VIT-DAILY', quantity }],
    shippingAddress: austin,
    payment: { card: card() },
    idempotencyKey: randomUUID(),
    ...extra,
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return placed.body.order;
};

/** An open order support records for the buyer, to be paid later. */
const openOrder = async (quantity = 2) => {
  const open = await staff.post<OrderBody>('/api/orders', {
    items: [{ sku: 'VIT-DAILY', quantity }],
    shippingAddress: austin,
    payment: {},
    payLater: true,
    memberId: buyer.id,
    idempotencyKey: randomUUID(),
  });
  expect(open.status, JSON.stringify(open.body)).toBe(201);
  return open.body.order;
};

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  buyer = await partnerUnder(null, { address: austin });
  support = await createTestMember({ role: 'support' });
  [buyerClient, staff] = await Promise.all([signedIn(buyer), signedIn(support)]);
});

describe('refunds go back to the charge that took the money', () => {
  it('refunds the approved charge, never the declined card before it, through the gateway', async () => {
    const order = await openOrder();
    const declined = await staff.post(`/api/orders/${order.id}/payments`, {
      payment: { card: card(SANDBOX_CARDS.declined) },
      reason: 'member on the phone',
    });
    expect(declined.status).toBe(402);
    const paid = await staff.post<OrderBody>(`/api/orders/${order.id}/payments`, {
      payment: { card: card() },
      reason: 'member gave another card',
    });
    expect(paid.body.order.status).toBe('paid');
    const refunded = await staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, { reason: 'damaged in transit' });
    expect(refunded.status).toBe(200);
    const [declinedTender, approvedTender] = refunded.body.order.tenders;
    expect(declinedTender).toMatchObject({ status: 'declined', refunded: 0 });
    expect(approvedTender).toMatchObject({ status: 'refunded', refunded: order.total });
    const books = await gatewayBooks(refunded.body.order);
    expect(books.refunds).toEqual([{ transactionId: approvedTender!.transactionId, amount: order.total }]);
    expect(refunded.body.order.refunds[0]!.parts).toEqual([
      expect.objectContaining({ tenderIndex: 1, kind: 'card', amount: order.total, status: 'settled' }),
    ]);
  });

  it('gives gift-card parts back to the gift card and card parts through the gateway', async () => {
    const code = await newGiftCard(1000);
    const order = await place(2, { giftCards: [code] });
    const refunded = await staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, { reason: 'returned' });
    const books = await gatewayBooks(refunded.body.order);
    expect(books.refunded).toBe(order.total - 1000);
    expect(giftCardRefunds(refunded.body.order)).toBe(1000);
    const balance = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.giftCard(code).PK },
        ConsistentRead: true,
      }),
    );
    expect(balance.Items?.[0]?.balance).toBe(1000);
  });

  it('keeps refunds = money back over random sequences of pay, decline, split tender, partial and full refunds', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const random = new Random(seed);
      const quantity = random.int(2, 4);
      let order: Order;
      if (random.chance(0.5)) {
        order = await openOrder(quantity);
        for (let i = random.int(0, 2); i > 0; i--) {
          await staff.post(`/api/orders/${order.id}/payments`, {
            payment: { card: card(SANDBOX_CARDS.declined) },
            reason: 'first card',
          });
        }
        order = (
          await staff.post<OrderBody>(`/api/orders/${order.id}/payments`, {
            payment: { card: card() },
            reason: 'good card',
          })
        ).body.order;
      } else {
        const gifts = random.chance(0.5) ? [await newGiftCard(random.int(100, 1500))] : [];
        order = await place(quantity, { giftCards: gifts });
      }
      expect(order.status, `seed ${seed}`).toBe('paid');
      while (order.status !== 'refunded') {
        const left = order.lines[0]!.quantity - order.lines[0]!.refundedQuantity;
        const full = random.chance(0.3);
        const answer = await staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, {
          reason: 'random return',
          ...(full ? {} : { lines: [{ sku: 'VIT-DAILY', quantity: random.int(1, left) }] }),
        });
        expect(answer.status, `seed ${seed}: ${JSON.stringify(answer.body)}`).toBe(200);
        order = answer.body.order;
      }
      const books = await gatewayBooks(order);
      for (const tender of order.tenders) {
        const back = books.refunds
          .filter((r) => r.transactionId === tender.transactionId)
          .reduce((s, r) => s + r.amount, 0);
        expect(back, `seed ${seed}: card refunds <= its charge`).toBeLessThanOrEqual(
          tender.transactionId ? tender.amount : 0,
        );
        expect(tender.refunded).toBeLessThanOrEqual(tender.status === 'declined' ? 0 : tender.amount);
      }
      expect(books.refunded + giftCardRefunds(order), `seed ${seed}: refunds = money back`).toBe(order.refundedTotal);
      expect(order.refundedTotal).toBe(order.total);
    }
  });
});

describe('money moves once under concurrency', () => {
  it('refunds once when a paid order is canceled 10 times in parallel', async () => {
    const order = await place();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        buyerClient.post<OrderBody>(`/api/orders/${order.id}/cancel`, { reason: 'changed my mind' }),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409 || a.status === 422)).toBe(true);
    const books = await gatewayBooks(order);
    expect(books.refunds).toHaveLength(1);
    expect(books.refunded).toBe(order.total);
    expect(ok[0]!.body.order).toMatchObject({ status: 'canceled', refundedTotal: order.total });
  });

  it('refunds what the order says when 5 one-unit refunds of a 2-unit order race', async () => {
    const order = await place(2);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, {
          reason: 'one unit back',
          lines: [{ sku: 'VIT-DAILY', quantity: 1 }],
        }),
      ),
    );
    const latest = (await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order;
    const books = await gatewayBooks(order);
    expect(answers.filter((a) => a.status === 200).length).toBe(latest.refunds.length);
    expect(latest.lines[0]!.refundedQuantity).toBe(latest.refunds.length);
    expect(books.refunded).toBe(latest.refundedTotal);
    expect(books.refunded).toBeLessThanOrEqual(order.total);
  });

  it('refunds once for one idempotency key, however often and however parallel it is sent', async () => {
    const order = await place(3);
    const body = { reason: 'one unit back', lines: [{ sku: 'VIT-DAILY', quantity: 1 }], idempotencyKey: randomUUID() };
    const first = await staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, body);
    expect(first.status).toBe(200);
    const again = await Promise.all(
      Array.from({ length: 5 }, () => staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, body)),
    );
    expect(again.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const latest = (await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order;
    expect(latest.refunds).toHaveLength(1);
    expect(latest.lines[0]!.refundedQuantity).toBe(1);
    expect((await gatewayBooks(order)).refunds).toHaveLength(1);
  });

  it('charges once when support takes the same payment 10 times in parallel', async () => {
    const order = await openOrder();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff.post<OrderBody>(`/api/orders/${order.id}/payments`, {
          payment: { card: card() },
          reason: 'on the phone',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const books = await gatewayBooks(order);
    expect(books.charges).toHaveLength(1);
    expect(books.charged).toBe(order.total);
    const latest = (await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order;
    expect(latest.tenders.filter((t) => t.status === 'approved')).toHaveLength(1);
    expect(latest.tenders.filter((t) => t.status === 'pending')).toHaveLength(0);
  });
});

describe('what staff do with a member’s money is in its log', () => {
  it('logs payments, refunds and cancels by staff with who, what, amount and why', async () => {
    const order = await openOrder(3);
    await staff.post(`/api/orders/${order.id}/payments`, { payment: { card: card() }, reason: 'called in' });
    await staff.post(`/api/orders/${order.id}/refunds`, {
      reason: 'one broken',
      lines: [{ sku: 'VIT-DAILY', quantity: 1 }],
    });
    const canceled = await staff.post<OrderBody>(`/api/orders/${order.id}/cancel`, { reason: 'member asked' });
    expect(canceled.status).toBe(200);
    const log = (await memberLog(buyer.id)).filter((e) => (e.detail as { orderId?: string })?.orderId === order.id);
    const byAction = Object.fromEntries(log.map((e) => [e.action as string, e]));
    expect(byAction['order.payment']).toMatchObject({
      actorId: support.id,
      reason: 'called in',
      detail: { amount: order.total, currency: 'USD' },
    });
    expect(log.filter((e) => e.action === 'order.refund').map((e) => e.reason)).toEqual(
      expect.arrayContaining(['one broken', 'member asked']),
    );
    expect(byAction['order.cancel']).toMatchObject({ actorId: support.id, reason: 'member asked' });
    expect(byAction['order.placed']).toMatchObject({
      actorId: support.id,
      detail: { amount: order.total, currency: 'USD', status: 'open' },
    });
    // The buyer's own cancel is not "on its behalf".
    const own = await place();
    await buyerClient.post(`/api/orders/${own.id}/cancel`, { reason: 'mine' });
    expect((await memberLog(buyer.id)).some((e) => (e.detail as { orderId?: string })?.orderId === own.id)).toBe(false);
  });
});

describe('a canceled or inactive member is never charged again', () => {
  async function memberWithDueAutoship() {
    const member = await partnerUnder(null, { address: austin });
    const client = await signedIn(member);
    const method = await client.post<{ method: { id: string } }>('/api/members/me/payment-methods', { card: card() });
    const created = await client.post<{ autoship: Autoship }>('/api/members/me/autoships', {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      dayOfMonth: 5,
      paymentMethodId: method.body.method.id,
      shippingAddress: austin,
    });
    expect(created.status).toBe(201);
    const autoship = { ...created.body.autoship, nextRunDate: '2026-12-05' };
    await db().send(new PutCommand({ TableName: env.tableName(), Item: autoshipItem(autoship) }));
    return { member, autoship };
  }
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

  it('cancels the smart orders of a canceled member, logs it and tells the member', async () => {
    const { member, autoship } = await memberWithDueAutoship();
    const answer = await staff.request('PUT', `/api/members/${member.id}/status`, {
      status: 'canceled',
      reason: 'asked to leave',
    });
    expect(answer.status).toBe(200);
    expect((await getAutoship(member.id, autoship.id))?.status).toBe('canceled');
    const log = await memberLog(member.id);
    expect(log.find((e) => e.action === 'autoship.canceled')).toMatchObject({
      actorId: support.id,
      reason: 'asked to leave',
      detail: { autoshipId: autoship.id },
    });
    await drainQueue('email');
    expect((await mailTo(member.email)).map((m) => m.subject)).toContain('Your smart orders were canceled');
    expect(await processAutoship({ memberId: member.id, autoshipId: autoship.id, dueDate: '2026-12-05' })).toBe(
      'skipped',
    );
    expect(await ordersOf(member.id)).toHaveLength(0);
  });

  it('checks the member’s status at charge time: an inactive member’s due smart order charges nothing', async () => {
    const { member, autoship } = await memberWithDueAutoship();
    const answer = await staff.request('PUT', `/api/members/${member.id}/status`, {
      status: 'inactive',
      reason: 'on hold',
    });
    expect(answer.status).toBe(200);
    const outcome = await processAutoship({ memberId: member.id, autoshipId: autoship.id, dueDate: '2026-12-05' });
    expect(outcome).toBe('skipped');
    const orders = await ordersOf(member.id);
    expect(orders.every((o) => o.status !== 'paid')).toBe(true);
    const books = await scanGateway();
    expect(books.some((i) => orders.some((o) => i.description === `Order ${o.id}`))).toBe(false);
  });

  it('rejects a staff payment without a reason, naming the field, and changes nothing', async () => {
    const order = await openOrder();
    const answer = await staff.post<ErrorBody>(`/api/orders/${order.id}/payments`, { payment: { card: card() } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details[0]?.field).toBe('body.reason');
    expect((await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order).toMatchObject({
      status: 'open',
      version: order.version,
    });
  });
});

describe('a crash between the claim and the gateway', () => {
  it('finishes a claimed payment with the same key: one charge, the order paid', async () => {
    const order = await openOrder();
    const gateway = paymentGateway();
    const crash = vi.spyOn(gateway, 'charge').mockRejectedValueOnce(new Error('process killed'));
    const first = await staff.post<ErrorBody>(`/api/orders/${order.id}/payments`, {
      payment: { card: card() },
      reason: 'on the phone',
    });
    expect(first.status).toBe(500);
    crash.mockRestore();
    const claimed = (await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order;
    expect(claimed.tenders.map((t) => t.status)).toEqual(['pending']);
    const retried = await staff.post<OrderBody>(`/api/orders/${order.id}/payments`, {
      payment: { card: card() },
      reason: 'on the phone, again',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.order.tenders.map((t) => t.status)).toEqual(['approved']);
    expect((await gatewayBooks(order)).charges).toHaveLength(1);
  });

  it('sends a claimed refund when the same refund is sent again: money back once', async () => {
    const order = await place(2);
    const gateway = paymentGateway();
    const crash = vi.spyOn(gateway, 'refund').mockRejectedValueOnce(new Error('gateway timed out'));
    expect((await staff.post(`/api/orders/${order.id}/refunds`, { reason: 'broken' })).status).toBe(500);
    crash.mockRestore();
    const claimed = (await staff.get<OrderBody>(`/api/orders/${order.id}`)).body.order;
    expect(claimed.refunds[0]?.parts?.map((p) => p.status)).toEqual(['pending']);
    expect((await gatewayBooks(order)).refunds).toHaveLength(0);
    // The order page's "send again": the same refund, its id as the key.
    const retried = await staff.post<OrderBody>(`/api/orders/${order.id}/refunds`, {
      reason: 'broken',
      idempotencyKey: claimed.refunds[0]!.id,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.order.refunds[0]?.parts?.map((p) => p.status)).toEqual(['settled']);
    const books = await gatewayBooks(order);
    expect(books.refunds).toHaveLength(1);
    expect(books.refunded).toBe(order.total);
  });
});
