/**
 * The business metrics a request writes, read from the EMF lines Powertools
 * prints. Metrics are off in tests (POWERTOOLS_METRICS_DISABLED, see
 * infra/src/function-env.ts); this file turns them on.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import type { Member } from '@arbor/shared/members/model';
import { seedShop } from '../../src/demo/seed.js';
import { handler as consumeEmail } from '../../src/email/consume.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { Client } from '../support/api.js';
import { partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [field: string]: unknown;
}

/** The EMF documents written to stdout while `action` runs (everything else printed meanwhile is dropped). */
async function metricsOf(action: () => Promise<unknown>): Promise<Emf[]> {
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await action();
  } finally {
    write.mockRestore();
  }
  return printed
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

/** Each metric written, as name → value, with the namespace and service it was written under. */
const values = (documents: Emf[]) =>
  documents.flatMap((doc) =>
    doc._aws.CloudWatchMetrics.flatMap((group) =>
      group.Metrics.map((metric) => ({
        namespace: group.Namespace,
        service: doc.service,
        name: metric.Name,
        unit: metric.Unit,
        value: doc[metric.Name],
      })),
    ),
  );

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const checkout = (cardNumber: string) => ({
  items: [{ sku: 'VIT-DAILY', quantity: 1 }],
  shippingAddress: austin,
  payment: { card: { number: cardNumber, expMonth: 12, expYear: 2035, cvc: '123', holder: 'Test Buyer' } },
  idempotencyKey: randomUUID(),
});

let buyer: Member;
let client: Client;

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  buyer = await partnerUnder(null, { address: austin });
  client = new Client();
  await client.signIn(buyer.username, TEST_PASSWORD);
});

describe('business metrics', () => {
  it('count a declined charge, and no order, when a checkout is declined', async () => {
    const written = values(
      await metricsOf(async () => {
        expect((await client.post('/api/orders', checkout(SANDBOX_CARDS.declined))).status).toBe(402);
      }),
    );
    expect(written).toEqual([
      {
        namespace: 'Arbor',
        service: process.env.POWERTOOLS_SERVICE_NAME,
        name: 'ChargesDeclined',
        unit: 'Count',
        value: 1,
      },
    ]);
  });

  it('count the approved charge and the order placed by a checkout', async () => {
    const written = values(
      await metricsOf(async () => {
        expect((await client.post('/api/orders', checkout(SANDBOX_CARDS.success))).status).toBe(201);
      }),
    );
    expect(written.map((m) => [m.name, m.value])).toEqual(
      expect.arrayContaining([
        ['ChargesApproved', 1],
        ['OrdersPlaced', 1],
      ]),
    );
    expect(written.every((m) => m.namespace === 'Arbor')).toBe(true);
  });

  it('count a mail the consumer sent', async () => {
    const email = { id: randomUUID(), to: buyer.email, subject: 'Hello', text: 'Hi.', html: '<p>Hi.</p>' };
    const event = {
      Records: [{ messageId: randomUUID(), body: JSON.stringify(email), attributes: {}, messageAttributes: {} }],
    } as unknown as SQSEvent;
    const written = values(await metricsOf(() => consumeEmail(event)));
    expect(written.map((m) => [m.name, m.value])).toEqual([['MailsSent', 1]]);
  });
});
