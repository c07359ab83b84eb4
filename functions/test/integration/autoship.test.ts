import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import type { Autoship } from '@arbor/shared/orders/autoship';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { handler as consume } from '../../src/autoship/consume.js';
import { handler as enqueue } from '../../src/autoship/enqueue.js';
import { processAutoship } from '../../src/autoship/run.js';
import { autoshipItem } from '../../src/autoship/repository.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { signedIn } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { drainQueue, streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type AutoshipBody = { autoship: Autoship };

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
let upline: Member;

/** A member with a saved card (of the given sandbox number) and a smart order. */
async function memberWithAutoship(cardNumber: string = SANDBOX_CARDS.success) {
  const member = await partnerUnder(upline, { address: austin });
  const client = await signedIn(member);
  const method = await client.post<{ method: { id: string } }>('/api/members/me/payment-methods', {
    card: { number: cardNumber, expMonth: 12, expYear: 2035, cvc: '123', holder: 'A Member' },
  });
  const created = await client.post<AutoshipBody>('/api/members/me/autoships', {
    items: [
      { sku: 'VIT-DAILY', quantity: 1 },
      { sku: 'GREENS', quantity: 1 },
    ],
    dayOfMonth: 5,
    paymentMethodId: method.body.method.id,
    shippingAddress: austin,
  });
  expect(created.status).toBe(201);
  return { member, client, autoship: created.body.autoship };
}

/** Moves an autoship's next run to a chosen night (tests cannot wait for the calendar). */
async function dueOn(autoship: Autoship, date: string) {
  await db().send(
    new PutCommand({ TableName: env.tableName(), Item: autoshipItem({ ...autoship, nextRunDate: date }) }),
  );
}

const getAutoship = async (a: Autoship) =>
  (
    await db().send(
      new GetCommand({ TableName: env.tableName(), Key: keys.autoship(a.memberId, a.id), ConsistentRead: true }),
    )
  ).Item as Autoship;

async function chargesFor(autoshipId: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberOrders((await getAutoshipMember(autoshipId)) ?? '') },
    }),
  );
  return result.Items ?? [];
}
const owners = new Map<string, string>();
const dueOnDate = async (date: string) => {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.autoshipsDue(date) },
    }),
  );
  return (result.Items ?? []).map((i) => i.id as string);
};
const getAutoshipMember = async (id: string) => owners.get(id);

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  upline = await partnerUnder(null, { address: austin });
});

describe('smart orders', () => {
  it('validates the cart and card when created, and shows the next run date', async () => {
    const member = await partnerUnder(upline, { address: austin });
    const client = await signedIn(member);
    const body = {
      items: [{ sku: 'KIT-START', quantity: 1 }],
      dayOfMonth: 10,
      paymentMethodId: 'nope',
      shippingAddress: austin,
    };
    const kit = await client.post<ErrorBody>('/api/members/me/autoships', body);
    expect(kit.status).toBe(422);
    expect(kit.body.error.details[0]).toMatchObject({ field: 'body.items.0.sku', rule: 'not_for_autoship' });
    const retired = await client.post<ErrorBody>('/api/members/me/autoships', {
      ...body,
      items: [{ sku: 'OLD-DETOX', quantity: 1 }],
    });
    expect(retired.body.error.details[0]?.rule).toBe('inactive');
    const noCard = await client.post<ErrorBody>('/api/members/me/autoships', {
      ...body,
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
    });
    expect(noCard.body.error.details[0]?.field).toBe('body.paymentMethodId');
    const badDay = await client.post<ErrorBody>('/api/members/me/autoships', { ...body, dayOfMonth: 31 });
    expect(badDay.status).toBe(400);

    const { autoship } = await memberWithAutoship();
    expect(autoship.nextRunDate).toMatch(/^\d{4}-\d{2}-05$/);
    expect(autoship.status).toBe('active');
  });

  it('runs at night through the queue: one paid autoship order, next run a month on, summary for the upline', async () => {
    const { autoship, member } = await memberWithAutoship();
    owners.set(autoship.id, member.id);
    await dueOn(await getAutoship(autoship), '2031-03-05');
    const queued = await enqueue({ date: '2031-03-05' });
    expect(queued.enqueued).toBe(1);
    await drainQueue('autoship');

    const after = await getAutoship(autoship);
    expect(after).toMatchObject({
      nextRunDate: '2031-04-05',
      retry: null,
      lastRun: { runDate: '2031-03-05', status: 'paid' },
    });
    const orders = await chargesFor(autoship.id);
    expect(orders.map((o) => [o.type, o.status, o.autoshipId])).toEqual([['autoship', 'paid', autoship.id]]);

    await streamSettled();
    const report = await (
      await signedIn(upline)
    ).get<{ items: { id: string; autoship: { status: string; willProcess: boolean; pv: number } }[] }>(
      '/api/team/autoships',
    );
    const row = report.body.items.find((r) => r.id === member.id);
    expect(row?.autoship).toMatchObject({ status: 'active', willProcess: true, pv: 65 });
  });

  it('never charges twice when a message is delivered again', async () => {
    const { autoship, member } = await memberWithAutoship();
    owners.set(autoship.id, member.id);
    await dueOn(await getAutoship(autoship), '2031-05-05');
    const message = { autoshipId: autoship.id, memberId: member.id, dueDate: '2031-05-05' };
    // Two deliveries at once: one pays; the other finds the work done or loses the race (and would be redelivered).
    const outcomes = await Promise.allSettled([processAutoship(message), processAutoship(message)]);
    expect(outcomes.some((o) => o.status === 'fulfilled' && o.value === 'paid')).toBe(true);
    expect(await processAutoship(message)).toBe('skipped');
    expect((await chargesFor(autoship.id)).map((o) => o.status)).toEqual(['paid']);
  });

  it('runs a message delivered twice at the same time once, and answers a later copy without running it again', async () => {
    const { autoship, member } = await memberWithAutoship();
    owners.set(autoship.id, member.id);
    await dueOn(await getAutoship(autoship), '2031-07-05');
    const message = { autoshipId: autoship.id, memberId: member.id, dueDate: '2031-07-05' };
    const delivery = () =>
      ({
        Records: [{ messageId: randomUUID(), body: JSON.stringify(message), attributes: {}, messageAttributes: {} }],
      }) as unknown as SQSEvent;
    const answers = await Promise.all([consume(delivery()), consume(delivery())]);
    // The copy that found the run under way comes back later.
    expect(answers.flatMap((a) => a.batchItemFailures).length).toBeLessThanOrEqual(1);
    expect((await chargesFor(autoship.id)).map((o) => o.status)).toEqual(['paid']);
    expect((await getAutoship(autoship)).nextRunDate).toBe('2031-08-05');

    // Were the run made again, it would move the smart order (put back on that date) a month on once more.
    await dueOn(await getAutoship(autoship), '2031-07-05');
    expect(await consume(delivery())).toEqual({ batchItemFailures: [] });
    expect((await getAutoship(autoship)).nextRunDate).toBe('2031-07-05');
    expect((await chargesFor(autoship.id)).map((o) => o.status)).toEqual(['paid']);
  });

  it('retries a declined card on the following days, then declines the run and emails the member', async () => {
    const { autoship, member } = await memberWithAutoship(SANDBOX_CARDS.declined);
    owners.set(autoship.id, member.id);
    await dueOn(await getAutoship(autoship), '2026-12-05');
    const message = (dueDate: string) => ({ autoshipId: autoship.id, memberId: member.id, dueDate });
    expect(await processAutoship(message('2026-12-05'))).toBe('retry_scheduled');
    expect((await getAutoship(autoship)).retry).toEqual({
      runDate: '2026-12-05',
      attempt: 1,
      nextAttemptDate: '2026-12-06',
    });
    expect(await processAutoship(message('2026-12-05'))).toBe('skipped'); // already handled for that night
    expect(await processAutoship(message('2026-12-06'))).toBe('retry_scheduled');
    expect(await processAutoship(message('2026-12-07'))).toBe('declined');
    const after = await getAutoship(autoship);
    expect(after).toMatchObject({
      retry: null,
      nextRunDate: '2027-01-05',
      lastRun: { status: 'declined', runDate: '2026-12-05', code: 'card_declined' },
    });
    const orders = await chargesFor(autoship.id);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('declined');
    expect((orders[0]?.tenders as { status: string }[]).map((t) => t.status)).toEqual([
      'declined',
      'declined',
      'declined',
    ]);
    await drainQueue('email');
    const mail = (await mailTo(member.email)).find((m) => m.subject === 'Your smart order could not be processed');
    expect(mail?.body.text).toContain('the card was declined by the bank.');
  });

  it('skips, pauses, resumes, changes the day and cancels, with version checks', async () => {
    const { autoship, client } = await memberWithAutoship();
    const base = `/api/members/me/autoships/${autoship.id}`;
    const skipped = await client.post<AutoshipBody>(`${base}/skip`, { version: autoship.version });
    expect(skipped.body.autoship.nextRunDate > autoship.nextRunDate).toBe(true);
    expect((await client.post<ErrorBody>(`${base}/pause`, { version: autoship.version })).status).toBe(409);
    const paused = await client.post<AutoshipBody>(`${base}/pause`, { version: skipped.body.autoship.version });
    expect(paused.body.autoship.status).toBe('paused');
    const due = await dueOnDate(paused.body.autoship.nextRunDate);
    expect(due).not.toContain(autoship.id);
    const resumed = await client.post<AutoshipBody>(`${base}/resume`, { version: paused.body.autoship.version });
    const moved = await client.request<AutoshipBody>('PATCH', base, {
      version: resumed.body.autoship.version,
      dayOfMonth: 20,
    });
    expect(moved.body.autoship.nextRunDate).toMatch(/-20$/);
    const canceled = await client.post<AutoshipBody>(`${base}/cancel`, { version: moved.body.autoship.version });
    expect(canceled.body.autoship.status).toBe('canceled');
    expect((await client.post<ErrorBody>(`${base}/resume`, { version: canceled.body.autoship.version })).status).toBe(
      422,
    );
  });

  it('lets support create a smart order for a member, logged; uplines only read', async () => {
    const member = await partnerUnder(upline, { address: austin });
    const support = await createTestMember({ role: 'support' });
    const staff = await signedIn(support);
    const method = await staff.post<{ method: { id: string } }>(`/api/members/${member.id}/payment-methods`, {
      card: { number: SANDBOX_CARDS.success, expMonth: 1, expYear: 2031, cvc: '999', holder: 'On the phone' },
    });
    const created = await staff.post<AutoshipBody>(`/api/members/${member.id}/autoships`, {
      items: [{ sku: 'OMEGA-3', quantity: 2 }],
      dayOfMonth: 15,
      paymentMethodId: method.body.method.id,
      shippingAddress: austin,
      // Staff using the member's saved card say why (see scope-params.test.ts).
      reason: 'Member on the phone',
    });
    expect(created.status).toBe(201);
    const spare = await staff.post<{ method: { id: string } }>(`/api/members/${member.id}/payment-methods`, {
      card: { number: SANDBOX_CARDS.success, expMonth: 2, expYear: 2032, cvc: '123', holder: 'On the phone' },
    });
    expect(
      (await staff.request('DELETE', `/api/members/${member.id}/payment-methods/${spare.body.method.id}`)).status,
    ).toBe(204);
    const log = await staff.get<{ items: { action: string; actorId: string }[] }>(`/api/members/${member.id}/log`);
    expect(log.body.items.filter((l) => l.actorId === support.id).map((l) => l.action)).toEqual(
      expect.arrayContaining(['support.autoship_created', 'support.card_added', 'support.card_removed']),
    );
    const asUpline = await signedIn(upline);
    expect((await asUpline.get(`/api/members/${member.id}/autoships`)).status).toBe(200);
    expect(
      (await asUpline.post(`/api/members/${member.id}/autoships/${created.body.autoship.id}/cancel`, { version: 1 }))
        .status,
    ).toBe(403);
  });
});
