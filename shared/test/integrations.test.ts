import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newEvent, newEventId, orderPaidEvent, WebhookEvent, type EventData } from '../src/integrations/events.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, retryDelaySeconds } from '../src/integrations/model.js';
import { apiKeyId, apiKeyPrefix, composeApiKey } from '../src/integrations/scopes.js';
import { parseSignatureHeader, signatureHeader, verifySignature } from '../src/integrations/signature.js';
import { isPrivateAddress, webhookUrlProblem } from '../src/integrations/urls.js';
import type { Order } from '../src/orders/model.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"evt_1","type":"order.paid"}';

  it('is HMAC-SHA256 of "<t>.<body>" in hex, as any HMAC library computes it', async () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(await signatureHeader(secret, 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own header within the tolerance, and nothing else', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = await signatureHeader(secret, t, body);
    expect(await verifySignature(secret, header, body, now)).toBe(true);
    expect(await verifySignature(secret, header, body, new Date(now.getTime() + 299_000))).toBe(true);
    expect(await verifySignature(secret, header, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(await verifySignature('whsec_other', header, body, now)).toBe(false);
    expect(await verifySignature(secret, header, `${body} `, now)).toBe(false);
    expect(await verifySignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, now)).toBe(false);
    expect(await verifySignature(secret, 'v1=abc', body, now)).toBe(false);
  });

  it('accepts any of several v1 signatures (a secret being rotated) and ignores unknown parts', async () => {
    const good = (await signatureHeader(secret, 1_700_000_000, body)).split('v1=')[1]!;
    const header = `t=1700000000, v0=zzz, v1=${'0'.repeat(64)}, v1=${good}`;
    expect(parseSignatureHeader(header)).toEqual({ timestamp: 1_700_000_000, signatures: ['0'.repeat(64), good] });
    expect(await verifySignature(secret, header, body, new Date(1_700_000_000_000))).toBe(true);
  });
});

describe('the verification example in docs/integrations.md', () => {
  /** The doc's JavaScript block, run as written (less its import line). */
  const docExample = () => {
    const doc = readFileSync(new URL('../../docs/integrations.md', import.meta.url), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)![1]!;
    const body = code.replace(/^import .*$/m, '').replace('export function', 'function');
    return new Function('createHmac', 'timingSafeEqual', `${body}; return verifyArborSignature;`)(
      createHmac,
      timingSafeEqual,
    ) as (rawBody: string, header: string, secret: string) => boolean;
  };

  it('accepts what Arbor signs and refuses a wrong secret, body or stale time', async () => {
    const verify = docExample();
    const body = JSON.stringify({ id: 'evt_x', type: 'order.paid', data: { total: 100 } });
    const now = Math.floor(Date.now() / 1000);
    const header = await signatureHeader('whsec_doc', now, body);
    expect(verify(body, header, 'whsec_doc')).toBe(true);
    expect(verify(body, header, 'whsec_other')).toBe(false);
    expect(verify(body.replace('100', '101'), header, 'whsec_doc')).toBe(false);
    expect(verify(body, await signatureHeader('whsec_doc', now - 600, body), 'whsec_doc')).toBe(false);
    expect(verify(body, 't=abc,v1=00', 'whsec_doc')).toBe(false);
  });
});

describe('webhook URLs', () => {
  const production = { allowLoopback: false };
  const local = { allowLoopback: true };

  it('takes public https URLs', () => {
    expect(webhookUrlProblem('https://hooks.example.com/arbor?x=1', production)).toBeNull();
    expect(webhookUrlProblem('https://93.184.216.34/hook', production)).toBeNull();
  });

  it('refuses http, credentials, non-URLs and internal names in production', () => {
    expect(webhookUrlProblem('http://hooks.example.com/', production)).toBe('must use https');
    expect(webhookUrlProblem('ftp://hooks.example.com/', production)).toBe('must use https');
    expect(webhookUrlProblem('hooks.example.com', production)).toBe('must be an absolute URL');
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/', production)).toMatch(/user name/);
    for (const url of [
      'https://localhost/x',
      'http://127.0.0.1:8080/x',
      'https://app.localhost/',
      'https://intranet/',
      'https://10.1.2.3/',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://2130706433/', // 127.0.0.1 written as a number
    ]) {
      expect({ url, problem: webhookUrlProblem(url, production) }).toEqual({
        url,
        problem: expect.stringMatching(/public internet address|https/) as unknown as string,
      });
    }
  });

  it('allows http to this machine only when running locally', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', local)).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hook', local)).toBeNull();
    expect(webhookUrlProblem('http://10.0.0.5/hook', local)).toBe('must use https');
  });

  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const ip of [
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
      '169.254.169.254',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1%eth0',
      'fc00::5',
      '::ffff:192.168.0.1',
      '::ffff:c0a8:1',
      '64:ff9b::10.0.0.1',
      'not-an-address',
      '1:2:3',
    ]) {
      expect({ ip, private: isPrivateAddress(ip) }).toEqual({ ip, private: true });
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect({ ip, private: isPrivateAddress(ip) }).toEqual({ ip, private: false });
    }
  });
});

describe('API keys', () => {
  it('carry their id after the prefix, and only a well-formed key yields one', () => {
    const secret = randomBytes(32).toString('base64url');
    const key = composeApiKey('0123456789ab', secret);
    expect(key).toBe(`arb_live_0123456789ab${secret}`);
    expect(apiKeyId(key)).toBe('0123456789ab');
    expect(apiKeyPrefix('0123456789ab')).toBe('arb_live_0123456789ab');
    expect(apiKeyId(`${key}x`)).toBeNull();
    expect(apiKeyId(key.replace('arb_live_', 'arb_test_'))).toBeNull();
    expect(apiKeyId('Bearer nonsense')).toBeNull();
    expect(() => composeApiKey('XYZ', secret)).toThrow();
  });
});

describe('events', () => {
  const order = {
    id: '100001',
    type: 'shop',
    status: 'paid',
    buyerId: '5001',
    ownerId: '5001',
    placedById: '5001',
    market: 'US',
    currency: 'USD',
    lines: [
      {
        sku: 'VIT',
        name: 'Vitamins',
        quantity: 2,
        unitPrice: 1500,
        unitPv: 10,
        unitCv: 8,
        lineTotal: 3000,
        refundedQuantity: 0,
      },
    ],
    subtotal: 3000,
    shipping: 500,
    tax: 248,
    total: 3748,
    pv: 20,
    cv: 16,
    paidAt: '2026-03-01T12:00:00.000Z',
  } as unknown as Order;

  it('builds an order.paid event whose envelope and data the public schema accepts', () => {
    const event = orderPaidEvent(order);
    expect(event.type).toBe('order.paid');
    expect(event.occurredAt).toBe(order.paidAt);
    expect(event.data).toEqual({
      orderId: '100001',
      memberId: '5001',
      type: 'shop',
      autoshipId: null,
      market: 'US',
      currency: 'USD',
      subtotal: 3000,
      shipping: 500,
      tax: 248,
      total: 3748,
      pv: 20,
      cv: 16,
      lines: [{ sku: 'VIT', quantity: 2, unitPrice: 1500, lineTotal: 3000 }],
      paidAt: order.paidAt,
    });
    expect(WebhookEvent.safeParse(event).success).toBe(true);
  });

  it('refuses data that does not match its type, naming the field', () => {
    const bad = { periodId: '2026-02', kind: 'yearly' } as unknown as EventData<'period.finalized'>;
    expect(() => newEvent('period.finalized', bad, '2026-03-01T00:00:00Z')).toThrow(/kind/);
    const parsed = WebhookEvent.safeParse({ ...orderPaidEvent(order), data: { orderId: 1 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((issue) => issue.path.join('.') === 'data.orderId')).toBe(true);
  });

  it('gives ids that are unique and sort by time', () => {
    const earlier = newEventId(new Date('2026-01-01T00:00:00Z'));
    const later = newEventId(new Date('2026-01-01T00:00:01Z'));
    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(/^evt_[0-9a-z]{25}$/);
    expect(newEventId(new Date(0))).not.toBe(newEventId(new Date(0)));
  });
});

describe('delivery retries', () => {
  it('makes 8 attempts over about a day, each wait longer than the last', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const total = RETRY_DELAYS_SECONDS.reduce((sum, s) => sum + s, 0);
    expect(total).toBeGreaterThan(22 * 3_600);
    expect(total).toBeLessThan(26 * 3_600);
    expect([...RETRY_DELAYS_SECONDS]).toEqual([...RETRY_DELAYS_SECONDS].sort((a, b) => a - b));
    expect(retryDelaySeconds(1)).toBe(30);
    expect(retryDelaySeconds(7)).toBe(12 * 3_600);
    expect(retryDelaySeconds(8)).toBeNull();
  });
});
