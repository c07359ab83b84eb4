import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ApiKeyView, DeliveryView, WebhookView } from '@arbor/shared/integrations/model';
import { verifySignature } from '@arbor/shared/integrations/signature';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import type { Autoship } from '@arbor/shared/orders/autoship';
import { processAutoship } from '../../src/autoship/run.js';
import { seedShop } from '../../src/demo/seed.js';
import { handler as fanOutHandler } from '../../src/integrations/fanout.js';
import { getItem } from '../../src/lib/db.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { queueConsumers } from '../../src/wiring.js';
import { loadHandler } from '../../../infra/src/local/lambda.js';
import { Client, type ApiResponse, signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { standIns, streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string; rule?: string }[] } };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2035, cvc: '123', holder: 'Hook Test' };

/** A server calling with an API key: no cookies, the key in Authorization. */
const withKey = (key: string) => {
  const client = new Client('partner-erp');
  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> =>
    client.request<T>(method, path, body, { headers: { authorization: `Bearer ${key}` } });
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body?: unknown) => call<T>('POST', path, body),
  };
};

const orderBody = (extra: Record<string, unknown> = {}) => ({
  items: [{ sku: 'VIT-DAILY', quantity: 1 }],
  shippingAddress: austin,
  payment: { card },
  idempotencyKey: randomUUID(),
  ...extra,
});

/**
 * A webhook receiver on this machine: answers each POST with the next status
 * of its script (200 once the script is used up), and keeps what it got.
 */
class Receiver {
  readonly received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  script: number[] = [];
  private server: Server | undefined;
  url = '';

  async start() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(this.script.shift() ?? 200, { 'content-type': 'text/plain' });
        response.end('thanks');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/arbor`;
  }

  stop() {
    return new Promise((resolve) => this.server?.close(resolve));
  }

  /** What arrived for one event. */
  of(eventId: string) {
    return this.received.filter((r) => r.headers['arbor-event-id'] === eventId);
  }
}

const webhooksConsumer = queueConsumers.find((c) => c.queue === 'webhooks')!;

/**
 * One pass of the webhooks queue as Lambda's event source would make it:
 * every message visible now, in batches, through the wiring's consumer;
 * what it reports failed stays (hidden until its next attempt), the rest is
 * deleted. Returns how many messages it handled.
 */
async function runWebhooks(): Promise<number> {
  const queue = standIns().queues.get('webhooks')!;
  const handler = await loadHandler<SQSEvent, SQSBatchResponse>(webhooksConsumer.entry);
  let handled = 0;
  for (;;) {
    const batch = queue.receive(webhooksConsumer.batchSize);
    if (batch.length === 0) return handled;
    handled += batch.length;
    const records = batch.map((m) => queue.toRecord(m));
    const response = await handler({ Records: records }, {} as never);
    const kept = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    for (const record of records) if (!kept.has(record.messageId)) queue.delete(record.receiptHandle);
  }
}

/** Waits for a close to bring a period to a state (the local state machine runs it). */
async function periodBecomes(periodId: string, state: string) {
  for (let i = 0; i < 200; i++) {
    const period = await admin.get<{ period: { state: string } }>(`/api/admin/periods/${periodId}`);
    if (period.body.period.state === state) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`period ${periodId} never became ${state}`);
}

let admin: Client;
let partner: Member, customer: Member, support: Member, adminMember: Member;
const receiver = new Receiver();

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  partner = await partnerUnder(null, { address: austin });
  customer = await createTestMember({ role: 'customer', sponsorId: partner.id, sponsorPath: [partner.id] });
  support = await createTestMember({ role: 'support' });
  adminMember = await createTestMember({ role: 'admin' });
  admin = await signedIn(adminMember);
  await receiver.start();
});

afterAll(() => receiver.stop());

afterEach(() => {
  vi.useRealTimers();
});

async function createKey(scopes: string[], name = 'ERP sync') {
  const made = await admin.post<{ apiKey: ApiKeyView; key: string }>('/api/admin/integrations/keys', { name, scopes });
  expect(made.status).toBe(201);
  return made.body;
}

describe('API keys', () => {
  it('shows the key once and keeps only its hash and prefix', async () => {
    const { apiKey, key } = await createKey(['orders:read', 'members:read']);
    expect(key).toMatch(/^arb_live_[0-9a-f]{12}[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'ERP sync', scopes: ['orders:read', 'members:read'], lastUsedAt: null });
    expect(JSON.stringify(apiKey)).not.toContain(key.slice(apiKey.prefix.length));

    const stored = await getItem(keys.apiKey(apiKey.id), { ConsistentRead: true });
    expect(stored?.secretHash).toBe(createHash('sha256').update(key).digest('base64url'));
    expect(JSON.stringify(stored)).not.toContain(key.slice(apiKey.prefix.length));

    const listed = await admin.get<{ items: ApiKeyView[] }>('/api/admin/integrations/keys');
    expect(listed.body.items.find((k) => k.id === apiKey.id)).toEqual(apiKey);
  });

  it('works on a route with its scope, company-wide, and notes its last use', async () => {
    await signedIn(partner).then((c) => c.post('/api/orders', orderBody()));
    await signedIn(customer).then((c) => c.post('/api/orders', orderBody()));
    const { apiKey, key } = await createKey(['orders:read', 'members:read']);
    const erp = withKey(key);

    const orders = await erp.get<{ items: Order[] }>('/api/orders?limit=100');
    expect(orders.status).toBe(200);
    expect(new Set(orders.body.items.map((o) => o.buyerId))).toEqual(new Set([partner.id, customer.id]));
    const one = await erp.get<{ order: Order }>(`/api/orders/${orders.body.items[0]!.id}`);
    expect(one.status).toBe(200);
    const member = await erp.get<{ member: { id: string } }>(`/api/members/${customer.id}`);
    expect(member.status).toBe(200);
    expect(member.body.member.id).toBe(customer.id);

    const listed = await admin.get<{ items: ApiKeyView[] }>('/api/admin/integrations/keys');
    const lastUsed = listed.body.items.find((k) => k.id === apiKey.id)!.lastUsedAt;
    expect(lastUsed).not.toBeNull();
    // Within a minute a use is not noted again (no write per call).
    await erp.get('/api/orders?limit=1');
    const again = await admin.get<{ items: ApiKeyView[] }>('/api/admin/integrations/keys');
    expect(again.body.items.find((k) => k.id === apiKey.id)!.lastUsedAt).toBe(lastUsed);
  });

  it('is refused without the route’s scope (403 naming it), on routes without one, and with a cookie too', async () => {
    const { key } = await createKey(['orders:read']);
    const erp = withKey(key);
    const write = await erp.post<ErrorBody>('/api/orders', orderBody({ memberId: customer.id }));
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('scope_missing');
    expect(write.body.error.details[0]?.rule).toBe('orders:write');
    expect(write.body.error.message).toContain('orders:write');
    expect((await erp.get<ErrorBody>(`/api/members/${customer.id}`)).body.error.details[0]?.rule).toBe('members:read');

    const unscoped = await erp.get<ErrorBody>('/api/auth/me');
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.error.code).toBe('api_key_not_accepted');
    const adminRoute = await erp.get<ErrorBody>('/api/admin/integrations/keys');
    expect(adminRoute.status).toBe(403);

    const both = await admin.request<ErrorBody>('GET', '/api/orders', undefined, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('ambiguous_credentials');
  });

  it('is a 401 when unknown, malformed or revoked', async () => {
    const { apiKey, key } = await createKey(['orders:read']);
    const erp = withKey(key);
    expect((await erp.get('/api/orders')).status).toBe(200);

    const revoked = await admin.post<{ apiKey: ApiKeyView }>(`/api/admin/integrations/keys/${apiKey.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).not.toBeNull();
    expect(revoked.body.apiKey.revokedBy).toBe(adminMember.id);
    const after = await erp.get<ErrorBody>('/api/orders');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('api_key_revoked');

    const forged = withKey(`${apiKey.prefix}${'A'.repeat(43)}`);
    expect((await forged.get<ErrorBody>('/api/orders')).body.error.code).toBe('api_key_invalid');
    expect((await withKey('nonsense').get<ErrorBody>('/api/orders')).status).toBe(401);
  });

  it('places an order for the member named in the body with orders:write', async () => {
    const { apiKey, key } = await createKey(['orders:write']);
    const erp = withKey(key);
    const placed = await erp.post<{ order: Order }>('/api/orders', orderBody({ memberId: customer.id }));
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({
      buyerId: customer.id,
      placedById: `apikey:${apiKey.id}`,
      status: 'paid',
    });

    const noMember = await erp.post<ErrorBody>('/api/orders', orderBody());
    expect(noMember.status).toBe(400);
    expect(noMember.body.error.details[0]?.field).toBe('body.memberId');
  });

  it('reads commission periods with commissions:read', async () => {
    const { key } = await createKey(['commissions:read']);
    expect((await withKey(key).get('/api/admin/periods')).status).toBe(200);
  });
});

describe('webhooks', () => {
  let endpoint: WebhookView;
  let secret: string;

  beforeAll(async () => {
    const made = await admin.post<{ webhook: WebhookView; secret: string }>('/api/admin/integrations/webhooks', {
      url: receiver.url,
      events: ['order.paid'],
      description: 'warehouse',
    });
    expect(made.status).toBe(201);
    ({ webhook: endpoint, secret } = made.body);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint.secretHint).toBe(`whsec_…${secret.slice(-4)}`);
    const stored = await getItem(keys.webhook(endpoint.id), { ConsistentRead: true });
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
  });

  async function deliveries() {
    const page = await admin.get<{ items: DeliveryView[] }>(
      `/api/admin/integrations/webhooks/${endpoint.id}/deliveries?limit=100`,
    );
    expect(page.status).toBe(200);
    return page.body.items;
  }

  /** Pays an order and waits for its event to become exactly one delivery (queued, not yet sent). */
  async function paidOrderDelivery(): Promise<{ order: Order; delivery: DeliveryView }> {
    const before = new Set((await deliveries()).map((d) => d.eventId));
    const placed = await (await signedIn(partner)).post<{ order: Order }>('/api/orders', orderBody());
    expect(placed.status).toBe(201);
    await streamSettled();
    const made = (await deliveries()).filter((d) => !before.has(d.eventId));
    expect(made.map((d) => d.eventType)).toEqual(['order.paid']);
    return { order: placed.body.order, delivery: made[0]! };
  }

  it('delivers a paid order once, signed with the endpoint’s secret', async () => {
    const { order, delivery } = await paidOrderDelivery();
    expect(delivery.status).toBe('pending');
    expect(await runWebhooks()).toBe(1);

    const got = receiver.of(delivery.eventId);
    expect(got).toHaveLength(1);
    const { headers, body } = got[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(await verifySignature(secret, String(headers['arbor-signature']), body)).toBe(true);
    expect(await verifySignature('whsec_wrong', String(headers['arbor-signature']), body)).toBe(false);
    const event = JSON.parse(body) as { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
    expect(Object.keys(event)).toEqual(['id', 'type', 'occurredAt', 'data']);
    expect(event).toMatchObject({ id: delivery.eventId, type: 'order.paid', occurredAt: order.paidAt });
    expect(event.data).toMatchObject({ orderId: order.id, memberId: partner.id, total: order.total });

    const after = (await deliveries()).find((d) => d.eventId === delivery.eventId)!;
    expect(after).toMatchObject({ status: 'delivered', attemptCount: 1 });
    expect(after.attempts[0]).toMatchObject({ statusCode: 200, error: null });
    // Nothing left on the queue, and nothing more is sent.
    expect(await runWebhooks()).toBe(0);
    expect(receiver.of(delivery.eventId)).toHaveLength(1);
  });

  it('retries a failing receiver with backoff: fails twice, then delivered on the third attempt', async () => {
    const { delivery } = await paidOrderDelivery();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    receiver.script = [500, 503];

    expect(await runWebhooks()).toBe(1);
    let now = (await deliveries()).find((d) => d.eventId === delivery.eventId)!;
    expect(now).toMatchObject({ status: 'pending', attemptCount: 1 });
    expect(Date.parse(now.nextAttemptAt!) - Date.now()).toBeGreaterThan(25_000);
    // Not due yet: the message stays hidden and nothing is sent.
    vi.setSystemTime(Date.now() + 10_000);
    expect(await runWebhooks()).toBe(0);

    vi.setSystemTime(Date.now() + 25_000);
    expect(await runWebhooks()).toBe(1);
    now = (await deliveries()).find((d) => d.eventId === delivery.eventId)!;
    expect(now).toMatchObject({ status: 'pending', attemptCount: 2 });
    expect(Date.parse(now.nextAttemptAt!) - Date.now()).toBeGreaterThan(100_000);

    vi.setSystemTime(Date.now() + 121_000);
    expect(await runWebhooks()).toBe(1);
    now = (await deliveries()).find((d) => d.eventId === delivery.eventId)!;
    expect(now.status).toBe('delivered');
    expect(now.attemptCount).toBe(3);
    expect(now.attempts.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(now.attempts[0]!.error).toContain('HTTP 500');
    expect(receiver.of(delivery.eventId)).toHaveLength(3);
  });

  it('replays a delivery: a new attempt with the same event id and body', async () => {
    const { delivery } = await paidOrderDelivery();
    await runWebhooks();
    const first = receiver.of(delivery.eventId);
    expect(first).toHaveLength(1);

    const replay = await admin.post<{ delivery: DeliveryView }>(
      `/api/admin/integrations/webhooks/${endpoint.id}/deliveries/${delivery.eventId}/replay`,
    );
    expect(replay.status).toBe(202);
    expect(replay.body.delivery.status).toBe('pending');
    expect(await runWebhooks()).toBe(1);

    const got = receiver.of(delivery.eventId);
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(first[0]!.body);
    expect(await verifySignature(secret, String(got[1]!.headers['arbor-signature']), got[1]!.body)).toBe(true);
    const after = (await deliveries()).find((d) => d.eventId === delivery.eventId)!;
    expect(after).toMatchObject({ status: 'delivered', attemptCount: 2 });
  });

  it('makes one delivery and one message of an event however often its stream batch is handled', async () => {
    const { delivery } = await paidOrderDelivery();
    const item = await getItem(keys.outboxEvent(delivery.eventId));
    expect(item?.type).toBe('order.paid');
    const batch: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: randomUUID(),
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          dynamodb: {
            Keys: marshall(keys.outboxEvent(delivery.eventId)) as never,
            NewImage: marshall(item!, { removeUndefinedValues: true }) as never,
            SequenceNumber: '1',
          },
        },
      ],
    };
    // The stream poller handled it once already; Lambda may hand the same batch over again.
    for (let i = 0; i < 2; i++) expect((await fanOutHandler(batch)).batchItemFailures).toEqual([]);
    expect((await deliveries()).filter((d) => d.eventId === delivery.eventId)).toHaveLength(1);
    expect(await runWebhooks()).toBe(1);
    expect(receiver.of(delivery.eventId)).toHaveLength(1);
  });

  it('sends nothing to an endpoint that does not want the event, or is disabled', async () => {
    const other = await admin.post<{ webhook: WebhookView }>('/api/admin/integrations/webhooks', {
      url: receiver.url,
      events: ['order.refunded'],
    });
    const disabled = await admin.post<{ webhook: WebhookView }>(
      `/api/admin/integrations/webhooks/${endpoint.id}/disable`,
    );
    expect(disabled.body.webhook.active).toBe(false);
    const before = (await deliveries()).length;
    const client = await signedIn(partner);
    expect((await client.post('/api/orders', orderBody())).status).toBe(201);
    await streamSettled();
    expect((await deliveries()).length).toBe(before);
    const otherDeliveries = await admin.get<{ items: DeliveryView[] }>(
      `/api/admin/integrations/webhooks/${other.body.webhook.id}/deliveries`,
    );
    expect(otherDeliveries.body.items).toEqual([]);
    expect((await admin.post(`/api/admin/integrations/webhooks/${endpoint.id}/enable`)).status).toBe(200);
  });

  it('delivers the other events from the transactions that make them: enrolled, refunded, declined, finalized', async () => {
    const all = await admin.post<{ webhook: WebhookView }>('/api/admin/integrations/webhooks', {
      url: `${receiver.url}/all`,
      events: ['member.enrolled', 'order.refunded', 'autoship.declined', 'period.finalized'],
    });
    const sent = () =>
      receiver.received
        .filter((r) => r.path.endsWith('/all'))
        .map((r) => JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> });

    const enrolled = await admin.post<{ member: { id: string } }>(
      '/api/enrollments',
      sampleEnrollment({ sponsorId: partner.id, username: `hook.${randomUUID().slice(0, 8)}` }),
    );
    expect(enrolled.status).toBe(201);

    const own = await signedIn(partner);
    const paid = await own.post<{ order: Order }>('/api/orders', orderBody());
    const refunded = await admin.post<{ order: Order }>(`/api/orders/${paid.body.order.id}/refunds`, {
      reason: 'arrived broken',
    });
    expect(refunded.status).toBe(200);

    const method = await own.post<{ method: { id: string } }>('/api/members/me/payment-methods', {
      card: { ...card, number: SANDBOX_CARDS.declined },
    });
    const smart = await own.post<{ autoship: Autoship }>('/api/members/me/autoships', {
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      dayOfMonth: 5,
      paymentMethodId: method.body.method.id,
      shippingAddress: austin,
    });
    const runDate = smart.body.autoship.nextRunDate;
    const outcome = await processAutoship({
      autoshipId: smart.body.autoship.id,
      memberId: partner.id,
      dueDate: runDate,
    });
    expect(outcome).toBe('retry_scheduled');

    // A month with no sales, closed through the state machine.
    for (const [action, state] of [
      ['calculate', 'calculated'],
      ['finalize', 'finalized'],
    ] as const) {
      expect((await admin.post(`/api/admin/periods/2025-01/${action}`)).status).toBe(202);
      await periodBecomes('2025-01', state);
    }

    await streamSettled();
    await runWebhooks();
    const events = sent();
    expect(events.map((e) => e.type).sort()).toEqual([
      'autoship.declined',
      'member.enrolled',
      'order.refunded',
      'period.finalized',
    ]);
    const of = (type: string) => events.find((e) => e.type === type)!.data;
    expect(of('member.enrolled')).toMatchObject({ memberId: enrolled.body.member.id, sponsorId: partner.id });
    expect(of('order.refunded')).toMatchObject({
      orderId: paid.body.order.id,
      amount: paid.body.order.total,
      orderStatus: 'refunded',
    });
    expect(of('autoship.declined')).toMatchObject({
      autoshipId: smart.body.autoship.id,
      runDate,
      attempt: 1,
      final: false,
      declineCode: 'card_declined',
    });
    expect(of('period.finalized')).toMatchObject({ periodId: '2025-01', kind: 'monthly' });
    const listed = await admin.get<{ items: DeliveryView[] }>(
      `/api/admin/integrations/webhooks/${all.body.webhook.id}/deliveries`,
    );
    expect(listed.body.items.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('refuses malformed input with a 400 naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/admin/integrations/webhooks', { url: 'http://hooks.example.com/x', events: ['order.paid'] }, 'body.url'],
      ['/api/admin/integrations/webhooks', { url: 'https://10.0.0.8/x', events: ['order.paid'] }, 'body.url'],
      [
        '/api/admin/integrations/webhooks',
        { url: 'https://hooks.example.com/x', events: ['order.lost'] },
        'body.events.0',
      ],
      ['/api/admin/integrations/webhooks', { url: 'https://hooks.example.com/x', events: [] }, 'body.events'],
      ['/api/admin/integrations/keys', { name: 'x', scopes: ['orders:delete'] }, 'body.scopes.0'],
      ['/api/admin/integrations/keys', { scopes: ['orders:read'] }, 'body.name'],
    ];
    for (const [path, body, field] of cases) {
      const answer = await admin.post<ErrorBody>(path, body);
      expect({ path, body, status: answer.status, field: answer.body.error.details[0]?.field }).toEqual({
        path,
        body,
        status: 400,
        field,
      });
    }
    const patch = await admin.request<ErrorBody>('PATCH', `/api/admin/integrations/webhooks/${endpoint.id}`, {
      secret: 'mine',
    });
    expect(patch.status).toBe(400);
    const unknownDelivery = await admin.post<ErrorBody>(
      `/api/admin/integrations/webhooks/${endpoint.id}/deliveries/evt_0000000000000000000000000/replay`,
    );
    expect(unknownDelivery.status).toBe(404);
  });

  it('is for admins: a partner or support gets a 403 on every integrations route', async () => {
    for (const member of [partner, support]) {
      const client = await signedIn(member);
      for (const [method, path] of [
        ['GET', '/api/admin/integrations/keys'],
        ['POST', '/api/admin/integrations/keys'],
        ['GET', '/api/admin/integrations/webhooks'],
        ['POST', '/api/admin/integrations/webhooks'],
        ['GET', `/api/admin/integrations/webhooks/${endpoint.id}/deliveries`],
        ['DELETE', `/api/admin/integrations/webhooks/${endpoint.id}`],
      ] as const) {
        const answer = await client.request(method, path, method === 'POST' ? {} : undefined);
        expect({ who: member.role, method, path, status: answer.status }).toEqual({
          who: member.role,
          method,
          path,
          status: 403,
        });
      }
    }
  });
});
