import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { scopedCheckoutKey } from '../../src/orders/checkout.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string; rule?: string }[] } };
type OrderBody = { order: Order };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = (number: string = SANDBOX_CARDS.success) => ({
  number,
  expMonth: 12,
  expYear: 2030,
  cvc: '123',
  holder: 'Test Buyer',
});

let partner: Member, customer: Member, stranger: Member, support: Member;

const checkoutBody = (overrides: Record<string, unknown> = {}) => ({
  items: [{ sku: 'VIT-DAILY', quantity: 2 }],
  shippingAddress: austin,
  payment: { card: card() },
  idempotencyKey: randomUUID(),
  ...overrides,
});

async function count(prefix: string) {
  const result = await db().send(
    new ScanCommand({
      TableName: env.tableName(),
      FilterExpression: 'begins_with(PK, :p)',
      ExpressionAttributeValues: { ':p': prefix },
    }),
  );
  return result.Items?.length ?? 0;
}

async function volumeEvents(orderId: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': keys.order(orderId).PK, ':v': 'VOLUME#' },
    }),
  );
  return (result.Items ?? []).map((i) => ({
    pv: i.pv as number,
    cv: i.cv as number,
    kind: i.kind as string,
    month: i.month as string,
  }));
}

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
  stranger = await partnerUnder(null, { address: austin });
  support = await createTestMember({ role: 'support' });
});

describe('quote and checkout', () => {
  it('prices from the server only: shipping by weight, tax by postal code', async () => {
    const client = await signedIn(partner);
    const response = await client.post<{
      quote: { subtotal: number; shipping: number; tax: number; total: number; pv: number };
    }>('/api/cart/quote', { items: [{ sku: 'VIT-DAILY', quantity: 2, price: 1 }], shippingAddress: austin });
    expect(response.status).toBe(200);
    // 2 x 34.95 = 69.90; 500 g -> 1 kg: 6.99 + 1.00; tax 8.25 % of 69.90 = 5.77 (5.76675 rounded half up)
    expect(response.body.quote).toMatchObject({ subtotal: 6990, shipping: 799, tax: 577, total: 8366, pv: 60 });
  });

  it('checks out with a new card: one paid order, its volume, the buyer’s first order, a saved card without its number', async () => {
    const client = await signedIn(customer);
    const placed = await client.post<OrderBody>(
      '/api/orders',
      checkoutBody({ payment: { card: card(), saveCard: true } }),
    );
    expect(placed.status).toBe(201);
    const order = placed.body.order;
    expect(order).toMatchObject({
      status: 'paid',
      buyerId: customer.id,
      ownerId: partner.id,
      firstOrder: true,
      total: 8366,
      pv: 60,
    });
    expect(await volumeEvents(order.id)).toEqual([{ pv: 60, cv: 5592, kind: 'sale', month: order.paidMonth }]);
    const buyer = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(customer.id) }));
    expect(buyer.Item?.firstPaidAt).toBe(order.paidAt);
    const methods = await client.get<{ items: { last4: string; brand: string; token?: string }[] }>(
      '/api/members/me/payment-methods',
    );
    expect(methods.body.items).toEqual([expect.objectContaining({ last4: '4242', brand: 'visa' })]);
    expect(methods.body.items[0]).not.toHaveProperty('token');
    const everything = await db().send(new ScanCommand({ TableName: env.tableName() }));
    expect(JSON.stringify(everything.Items)).not.toContain(SANDBOX_CARDS.success);

    const second = await client.post<OrderBody>(
      '/api/orders',
      checkoutBody({ payment: { paymentMethodId: (methods.body.items[0] as unknown as { id: string }).id } }),
    );
    expect(second.body.order.firstOrder).toBe(false);
  });

  it('makes one order and one charge when the same checkout is submitted twice', async () => {
    const client = await signedIn(partner);
    const body = checkoutBody();
    const [a, b] = await Promise.all([
      client.post<OrderBody>('/api/orders', body),
      client.post<OrderBody>('/api/orders', body),
    ]);
    const again = await client.post<OrderBody>('/api/orders', body);
    expect(new Set([a.body.order?.id, b.body.order?.id, again.body.order.id].filter(Boolean))).toEqual(
      new Set([again.body.order.id]),
    );
    const charge = await db().send(
      // The checkout's key is the caller's own (scopedCheckoutKey), and so is the gateway's.
      new GetCommand({
        TableName: env.tableName(),
        Key: keys.gatewayCharge(`checkout:${scopedCheckoutKey(partner.id, body.idempotencyKey)}`),
      }),
    );
    expect(charge.Item?.result.status).toBe('approved');
  });

  it('answers ten identical checkouts sent at once with one order; the others wait (409) or get that order', async () => {
    const client = await signedIn(partner);
    const body = checkoutBody();
    const before = await count('CHECKOUT#');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.post<OrderBody & ErrorBody>('/api/orders', body)),
    );
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body.order.id);
    const waiting = answers.filter((a) => a.status === 409).map((a) => a.body.error);
    expect(placed.length + waiting.length).toBe(10);
    expect(new Set(placed).size).toBe(1);
    for (const error of waiting) {
      expect(error).toMatchObject({ code: 'request_in_progress', details: [{ field: 'body.idempotencyKey' }] });
    }
    const again = await client.post<OrderBody>('/api/orders', body);
    expect(again.body.order.id).toBe(placed[0]);
    expect(await count('CHECKOUT#')).toBe(before + 1);
  });

  it('refuses declined, expired and short cards with 402 and writes no order', async () => {
    const client = await signedIn(partner);
    const before = await count('ORDER#');
    for (const [number, code] of [
      [SANDBOX_CARDS.declined, 'card_declined'],
      [SANDBOX_CARDS.expired, 'expired_card'],
      [SANDBOX_CARDS.insufficientFunds, 'insufficient_funds'],
    ] as const) {
      const response = await client.post<ErrorBody>('/api/orders', checkoutBody({ payment: { card: card(number) } }));
      expect(response.status).toBe(402);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.details[0]?.field).toBe('body.payment');
    }
    expect(await count('ORDER#')).toBe(before);
  });

  it('names every bad line and never charges', async () => {
    const client = await signedIn(partner);
    const before = await count('GATEWAY#CHARGE#');
    const cases: [Record<string, unknown>, number, string, string][] = [
      [checkoutBody({ items: [{ sku: 'NOPE', quantity: 1 }] }), 422, 'body.items.0.sku', 'unknown_sku'],
      [checkoutBody({ items: [{ sku: 'VIT-DAILY', quantity: 0 }] }), 400, 'body.items.0.quantity', 'too_small'],
      [
        checkoutBody({
          items: [
            { sku: 'VIT-DAILY', quantity: 1 },
            { sku: 'OLD-DETOX', quantity: 1 },
          ],
        }),
        422,
        'body.items.1.sku',
        'inactive',
      ],
      [
        checkoutBody({ shippingAddress: { ...austin, country: 'MX' } }),
        422,
        'body.shippingAddress.country',
        'market_mismatch',
      ],
      [checkoutBody({ expectedTotal: 100 }), 409, 'body.expectedTotal', 'price_changed'],
      [
        checkoutBody({ payment: { card: { ...card(), number: '4242424242424241' } } }),
        422,
        'body.card.number',
        'invalid_card',
      ],
      [checkoutBody({ giftCards: ['NOT-A-CARD'] }), 422, 'body.giftCards.0', 'unknown_gift_card'],
    ];
    for (const [body, status, field, rule] of cases) {
      const response = await client.post<ErrorBody>('/api/orders', body);
      expect({ field, status: response.status }).toEqual({ field, status });
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    expect(await count('GATEWAY#CHARGE#')).toBe(before);
  });

  it('refuses an address the tax table cannot rate', async () => {
    const saved = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.taxTable() }));
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: { ...keys.taxTable(), rows: [{ country: 'US', region: 'TX', rateBp: 625, taxShipping: false }] },
      }),
    );
    try {
      const response = await (
        await signedIn(partner)
      ).post<ErrorBody>('/api/cart/quote', {
        items: [{ sku: 'VIT-DAILY', quantity: 1 }],
        shippingAddress: { ...austin, region: 'NY', postalCode: '10001', city: 'New York' },
      });
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: 'address_not_rateable',
        details: [{ field: 'body.shippingAddress.postalCode' }],
      });
    } finally {
      await db().send(new PutCommand({ TableName: env.tableName(), Item: saved.Item! }));
    }
  });

  it('takes gift cards first and charges the card for the rest', async () => {
    const client = await signedIn(partner);
    const placed = await client.post<OrderBody>('/api/orders', checkoutBody({ giftCards: ['demo-gift-0025'] }));
    expect(placed.status).toBe(201);
    expect(placed.body.order.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['gift_card', 2500],
      ['card', 8366 - 2500],
    ]);
    const gift = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.giftCard('DEMO-GIFT-0025') }));
    expect(gift.Item?.balance).toBe(0);
    const spent = await client.post<ErrorBody>('/api/orders', checkoutBody({ giftCards: ['DEMO-GIFT-0025'] }));
    expect(spent.status).toBe(422);
  });
});

describe('orders on behalf of a member, and support', () => {
  it('lets support record an open order and take the payment later', async () => {
    const staff = await signedIn(support);
    const open = await staff.post<OrderBody>(
      '/api/orders',
      checkoutBody({ memberId: customer.id, payLater: true, payment: {} }),
    );
    expect(open.body.order).toMatchObject({ status: 'open', placedById: support.id, buyerId: customer.id });
    expect(await volumeEvents(open.body.order.id)).toEqual([]);
    const unexplained = await staff.post<ErrorBody>(`/api/orders/${open.body.order.id}/payments`, {
      payment: { card: card() },
    });
    expect([unexplained.status, unexplained.body.error.details[0]?.field]).toEqual([422, 'body.reason']);
    const declined = await staff.post<ErrorBody>(`/api/orders/${open.body.order.id}/payments`, {
      payment: { card: card(SANDBOX_CARDS.declined) },
      reason: 'member on the phone',
    });
    expect(declined.status).toBe(402);
    const paid = await staff.post<OrderBody>(`/api/orders/${open.body.order.id}/payments`, {
      payment: { card: card() },
      reason: 'member on the phone, second card',
    });
    expect(paid.body.order.status).toBe('paid');
    expect(paid.body.order.history.map((h) => h.status)).toEqual(['open', 'declined', 'paid']);
    expect(await volumeEvents(open.body.order.id)).toHaveLength(1);
    expect(
      (
        await (
          await signedIn(partner)
        ).post<ErrorBody>('/api/orders', checkoutBody({ memberId: customer.id, payLater: true, payment: {} }))
      ).status,
    ).toBe(403);
  });

  it('lets a partner order for its customer, but not for a stranger', async () => {
    const client = await signedIn(partner);
    const forCustomer = await client.post<OrderBody>('/api/orders', checkoutBody({ memberId: customer.id }));
    // The order names its buyer, so lists show who bought without a lookup per row.
    expect(forCustomer.body.order).toMatchObject({
      buyerId: customer.id,
      buyerName: customer.displayName,
      placedById: partner.id,
    });
    expect((await client.post('/api/orders', checkoutBody({ memberId: stranger.id }))).status).toBe(404);
  });
});

describe('after the sale', () => {
  it('refunds by line (volume back in the month of the refund), then in full, and shows it all in history filters', async () => {
    const client = await signedIn(partner);
    const placed = await client.post<OrderBody>(
      '/api/orders',
      checkoutBody({
        items: [
          { sku: 'VIT-DAILY', quantity: 2 },
          { sku: 'OMEGA-3', quantity: 1 },
        ],
      }),
    );
    const id = placed.body.order.id;
    const staff = await signedIn(support);
    const tooMany = await staff.post<ErrorBody>(`/api/orders/${id}/refunds`, {
      lines: [{ sku: 'OMEGA-3', quantity: 2 }],
      reason: 'damaged',
    });
    expect(tooMany.status).toBe(422);
    expect((await client.post(`/api/orders/${id}/refunds`, { reason: 'customer asked' })).status).toBe(403);

    const partial = await staff.post<OrderBody>(`/api/orders/${id}/refunds`, {
      lines: [{ sku: 'VIT-DAILY', quantity: 1 }],
      reason: 'damaged',
    });
    expect(partial.body.order.status).toBe('paid');
    // 34.95 + its tax share
    expect(partial.body.order.refundedTotal).toBeGreaterThan(3495);
    const full = await staff.post<OrderBody>(`/api/orders/${id}/refunds`, { reason: 'returned the rest' });
    expect(full.body.order).toMatchObject({ status: 'refunded', refundedTotal: full.body.order.total });
    const events = await volumeEvents(id);
    expect(events.map((e) => [e.kind, e.pv])).toEqual([
      ['sale', 85],
      ['refund', -30],
      ['refund', -55],
    ]);
    const returned = await client.get<{ items: { id: string }[] }>('/api/orders?status=returned');
    expect(returned.body.items.map((o) => o.id)).toContain(id);
    const shopOnly = await client.get<{ items: { type: string }[] }>('/api/orders?type=shop&status=paid');
    expect(shopOnly.body.items.every((o) => o.type === 'shop')).toBe(true);
  });

  it('cancels a paid order (refunded first), ships and delivers another, and prints the invoice', async () => {
    const client = await signedIn(partner);
    const first = await client.post<OrderBody>('/api/orders', checkoutBody());
    const canceled = await client.post<OrderBody>(`/api/orders/${first.body.order.id}/cancel`, {
      reason: 'ordered twice',
    });
    expect(canceled.body.order).toMatchObject({ status: 'canceled', refundedTotal: first.body.order.total });

    const second = await client.post<OrderBody>('/api/orders', checkoutBody());
    const staff = await signedIn(support);
    const shipped = await staff.request<OrderBody>('PUT', `/api/orders/${second.body.order.id}/shipment`, {
      trackingNumber: '1Z999AA10123456784',
    });
    expect(shipped.body.order).toMatchObject({ status: 'shipped', trackingNumber: '1Z999AA10123456784' });
    expect(
      (await client.post<ErrorBody>(`/api/orders/${second.body.order.id}/cancel`, { reason: 'too late' })).status,
    ).toBe(422);
    const delivered = await staff.post<OrderBody>(`/api/orders/${second.body.order.id}/delivery`);
    expect(delivered.body.order.status).toBe('delivered');

    const pdf = await client.raw(`/api/orders/${second.body.order.id}/invoice.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('keeps other members’ orders out of reach', async () => {
    const mine = await (await signedIn(stranger)).post<OrderBody>('/api/orders', checkoutBody());
    expect((await (await signedIn(partner)).get(`/api/orders/${mine.body.order.id}`)).status).toBe(404);
    expect((await (await signedIn(support)).get(`/api/orders/${mine.body.order.id}`)).status).toBe(200);
  });
});
