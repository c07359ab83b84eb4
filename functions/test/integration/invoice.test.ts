import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { Client } from '../support/api.js';
import { partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };

let partner: Member;
let client: Client;

const checkout = (shippingAddress: Record<string, unknown>) =>
  client.post<{ order: Order } & ErrorBody>('/api/orders', {
    items: [{ sku: 'VIT-DAILY', quantity: 1 }],
    shippingAddress,
    payment: {
      card: { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2030, cvc: '123', holder: 'Test Buyer' },
    },
    idempotencyKey: randomUUID(),
  });

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  partner = await partnerUnder(null, { address: austin });
  client = new Client();
  await client.signIn(partner.username, TEST_PASSWORD);
});

describe('control characters in addresses', () => {
  it('are refused at input with a 400 naming the field (checkout and profile)', async () => {
    for (const [field, value] of [
      ['line1', '1 Congress\u0000 Ave'],
      ['line2', 'Suite\u0007 5'],
      ['city', 'Aus\u001btin'],
      ['region', 'T\u0085X'],
      ['postalCode', '787\u000101'],
    ] as const) {
      const response = await checkout({ ...austin, [field]: value });
      expect(response.status, field).toBe(400);
      expect(response.body.error.details[0], field).toMatchObject({ field: `body.shippingAddress.${field}` });
    }
    const me = await client.get<{ member: { version: number } }>('/api/members/me');
    const profile = await client.request<ErrorBody>('PATCH', '/api/members/me', {
      version: me.body.member.version,
      address: { ...austin, line1: 'Line\nbreak' },
    });
    expect(profile.status).toBe(400);
    expect(profile.body.error.details[0]?.field).toBe('body.address.line1');
  });

  it('still print on the invoice of an order that holds them (stored before the input refused them)', async () => {
    const placed = await checkout(austin);
    expect(placed.status).toBe(201);
    const id = placed.body.order.id;
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.order(id),
        UpdateExpression: 'SET shippingAddress = :address',
        ExpressionAttributeValues: {
          ':address': {
            line1: '1 Congress\u0000Ave\u0085 \u200b\u2028',
            line2: 'Zürich\tő ☃ 😀',
            city: 'Austin\r\n',
            region: 'TX\u007f',
            postalCode: '78701',
            country: 'US',
          },
        },
      }),
    );
    const order = await client.get<{ order: Order }>(`/api/orders/${id}`);
    expect(order.status).toBe(200);
    expect(order.body.order.shippingAddress.line1).toContain('Congress');

    const pdf = await client.raw(`/api/orders/${id}/invoice.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
