import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedShop } from '../../src/demo/seed.js';
import { saveCard } from '../../src/payments/methods.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { createAutoship } from '../../src/autoship/service.js';
import { putServiceDefinition } from '../../src/services/repository.js';
import { getMember, saveMember } from '../../src/members/repository.js';
import { putDocument } from '../support/documents.js';
import { Client, type ApiResponse, signedIn } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { CALLERS, MEMBER_TARGET_ROUTES, SELF, TARGETS, type Caller, type Target } from '../support/role-matrix.js';
import { drainQueue, streamSettled } from '../support/stand-ins.js';

const austin = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const card = { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2035, cvc: '123', holder: 'Matrix Test' };

const query = async (input: Record<string, unknown>) =>
  (
    await db().send(
      new QueryCommand({ TableName: env.tableName(), ConsistentRead: !input.IndexName, ...input } as never),
    )
  ).Items ?? [];

/** Everything a change to a member could touch: its partition (profile, log, cards, smart orders), orders, enrollees. */
async function snapshot(memberId: string) {
  const [own, orders, enrollees] = await Promise.all([
    query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId) } }),
    query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberOrders(memberId) },
    }),
    query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.sponsorChildren(memberId) },
    }),
  ]);
  return JSON.stringify([own, orders, enrollees]);
}

/**
 *   root
 *   └─ upline ─┬─ p1, p2           (placement parents)
 *              ├─ target partner   (in upline's placement window)
 *              └─ target customer, customer caller
 *   stranger (another organization); support and admin callers; support and admin targets.
 */
let upline: Member, p1: Member, p2: Member;
const callers = {} as Record<Caller, { member: Member; client: Client }>;
const targets = {} as Record<Target, Member>;

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  const root = await partnerUnder(null, { address: austin });
  upline = await partnerUnder(root, { address: austin });
  p1 = await partnerUnder(upline);
  p2 = await partnerUnder(upline);
  const inWindow = { placementWindowEndsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(), address: austin };
  const customerOf = (sponsor: Member) => ({
    role: 'customer' as const,
    sponsorId: sponsor.id,
    sponsorPath: [...sponsor.sponsorPath, sponsor.id],
    address: austin,
  });
  targets.customer = await createTestMember(customerOf(upline));
  targets.partner = await partnerUnder(upline, inWindow);
  targets.support = await createTestMember({ role: 'support', address: austin });
  targets.admin = await createTestMember({ role: 'admin', address: austin });
  const members: Record<Caller, Member> = {
    customer: await createTestMember(customerOf(upline)),
    'partner-upline': upline,
    'partner-stranger': await partnerUnder(null),
    support: await createTestMember({ role: 'support' }),
    admin: await createTestMember({ role: 'admin' }),
  };
  for (const caller of CALLERS) callers[caller] = { member: members[caller], client: await signedIn(members[caller]) };
  await streamSettled();
});

const freshMember = async (id: string) => (await getMember(id))!;

async function autoshipFor(target: Member) {
  const method = await saveCard(target.id, card);
  return createAutoship(await freshMember(target.id), {
    items: [{ sku: 'VIT-DAILY', quantity: 1 }],
    dayOfMonth: 5,
    paymentMethodId: method.id,
    shippingAddress: austin,
  });
}

type Send = () => Promise<ApiResponse>;
/** Arranges what a route's request needs against a target, and returns the request to send. */
type Call = (client: Client, target: Member) => Promise<Send>;

const CALLS: Record<string, Call> = {
  'PATCH /api/members/{id}': async (client, target) => {
    const version = (await freshMember(target.id)).version;
    const phone = `+1 555 ${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    return () => client.request('PATCH', `/api/members/${target.id}`, { version, phone, reason: 'role matrix' });
  },
  'PUT /api/members/{id}/tax-id': async (client, target) => () =>
    client.request('PUT', `/api/members/${target.id}/tax-id`, { taxId: `TX-${randomUUID().slice(0, 6)}` }),
  'PUT /api/members/{id}/direct-deposit': async (client, target) => () =>
    client.request('PUT', `/api/members/${target.id}/direct-deposit`, {
      holder: 'Matrix Test',
      bankName: 'Test Bank',
      routingNumber: '110000000',
      accountNumber: String(Date.now()).slice(-10),
    }),
  'PUT /api/members/{id}/placement': async (client, target) => {
    const current = await freshMember(target.id);
    return () =>
      client.request('PUT', `/api/members/${target.id}/placement`, {
        parentId: current.placementId === p1.id ? p2.id : p1.id,
        reason: 'Role matrix: move between two legs',
      });
  },
  'PUT /api/members/{id}/status': async (client, target) => {
    const current = await freshMember(target.id);
    return () =>
      client.request('PUT', `/api/members/${target.id}/status`, {
        status: current.status === 'active' ? 'inactive' : 'active',
        reason: 'Role matrix: status toggle',
      });
  },
  'PUT /api/members/{id}/level': async (client, target) => {
    const current = await freshMember(target.id);
    const other = { customer: 'preferred', preferred: 'customer', partner: 'partner-pro' } as Record<string, string>;
    return () =>
      client.request('PUT', `/api/members/${target.id}/level`, {
        level: other[current.level] ?? 'partner',
        reason: 'Role matrix: level toggle',
      });
  },
  'POST /api/members/{id}/identity/documents': async (client, target) => {
    const key = await putDocument(target.id);
    return () => client.post(`/api/members/${target.id}/identity/documents`, { key });
  },
  'PUT /api/members/{id}/identity': async (client, target) => {
    const current = await freshMember(target.id);
    // Partners and customers have a document on file to review; staff accounts have none.
    if (current.kind !== 'staff' && !current.documentKeys?.length) {
      await saveMember(current, { ...current, documentKeys: [await putDocument(target.id)] }, current.version, {
        actorId: 'test',
        action: 'test.arranged',
      });
    }
    const decision = current.identity?.status === 'approved' ? 'rejected' : 'approved';
    return () =>
      client.request('PUT', `/api/members/${target.id}/identity`, { decision, reason: 'Role matrix: review' });
  },
  'POST /api/members/{id}/uploads': async (client, target) => () =>
    client.post(`/api/members/${target.id}/uploads`, { kind: 'avatar', contentType: 'image/png' }),
  'POST /api/members/{id}/payment-methods': async (client, target) => () =>
    client.post(`/api/members/${target.id}/payment-methods`, { card }),
  'DELETE /api/members/{id}/payment-methods/{methodId}': async (client, target) => {
    const method = await saveCard(target.id, card);
    return () => client.request('DELETE', `/api/members/${target.id}/payment-methods/${method.id}`);
  },
  'POST /api/members/{id}/autoships': async (client, target) => {
    const method = await saveCard(target.id, card);
    return () =>
      client.post(`/api/members/${target.id}/autoships`, {
        items: [{ sku: 'VIT-DAILY', quantity: 1 }],
        dayOfMonth: 9,
        paymentMethodId: method.id,
        shippingAddress: austin,
        reason: 'Role matrix: set up on the phone',
      });
  },
  'PATCH /api/members/{id}/autoships/{autoshipId}': async (client, target) => {
    const autoship = await autoshipFor(target);
    return () =>
      client.request('PATCH', `/api/members/${target.id}/autoships/${autoship.id}`, {
        version: autoship.version,
        dayOfMonth: 17,
      });
  },
  'POST /api/members/{id}/autoships/{autoshipId}/{action}': async (client, target) => {
    const autoship = await autoshipFor(target);
    return () => client.post(`/api/members/${target.id}/autoships/${autoship.id}/pause`, { version: autoship.version });
  },
  'POST /api/orders': async (client, target) => () =>
    client.post('/api/orders', {
      memberId: target.id,
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: austin,
      payment: { card },
      idempotencyKey: randomUUID(),
    }),
  'POST /api/members/{id}/services/{code}/actions': async (client, target) => {
    // A service of its own per request, so each allowed one is a first activation.
    const code = `matrix-${randomUUID().slice(0, 8)}`;
    const at = new Date().toISOString();
    await putServiceDefinition(
      {
        code,
        name: { en: 'Matrix', es: 'Matriz' },
        term: 'monthly',
        tiers: [{ code: 'basic', name: { en: 'Basic', es: 'Básico' }, sku: 'MATRIX-SVC', credits: 0 }],
        active: true,
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      null,
    );
    return () =>
      client.post(`/api/members/${target.id}/services/${code}/actions`, {
        action: 'activate',
        tier: 'basic',
        reason: 'Role matrix: courtesy month',
      });
  },
  'POST /api/members/{id}/points/adjustments': async (client, target) => () =>
    client.post(`/api/members/${target.id}/points/adjustments`, {
      points: 25,
      reason: 'Role matrix: goodwill',
      idempotencyKey: randomUUID(),
    }),
  'POST /api/enrollments': async (client, target) => () =>
    client.post('/api/enrollments', sampleEnrollment({ kind: 'customer', sponsorId: target.id })),
  'POST /api/support/members/{id}/calls': async (client, target) => () =>
    client.post(`/api/support/members/${target.id}/calls`, {
      channel: 'call',
      topic: 'Role matrix',
      outcome: 'info',
      text: 'Role matrix: a note',
      idempotencyKey: randomUUID(),
    }),
  'POST /api/support/members/{id}/actions/{action}': async (client, target) => () =>
    client.post(`/api/support/members/${target.id}/actions/unlock`, {
      reason: 'Role matrix: unlock',
      idempotencyKey: randomUUID(),
    }),
  // On a copy of the caller's cookies: a view started here would otherwise replace the caller's session.
  'POST /api/support/members/{id}/view-as': async (client, target) => async () => {
    const copy = new Client();
    for (const [name, cookie] of client.jar) copy.jar.set(name, { ...cookie });
    const response = await copy.post(`/api/support/members/${target.id}/view-as`, { reason: 'Role matrix: view' });
    // One open view per staff session: end it, so the caller's next view can start.
    if (response.status === 201) expect((await copy.post('/api/support/view-as/end')).status).toBe(200);
    return response;
  },
};

describe('role matrix: who may change whose account', () => {
  it('has a request for every route of the table', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(MEMBER_TARGET_ROUTES).sort());
  });

  it.each(Object.keys(MEMBER_TARGET_ROUTES))('%s', async (routeKey) => {
    const call = CALLS[routeKey]!;
    const got: string[] = [];
    const want: string[] = [];
    const changedOnDeny: string[] = [];
    for (const caller of CALLERS) {
      for (const [t, target] of TARGETS.entries()) {
        const expected = MEMBER_TARGET_ROUTES[routeKey]![caller][t]!;
        const send = await call(callers[caller].client, targets[target]);
        const before = await snapshot(targets[target].id);
        const response = await send();
        got.push(`${caller} -> ${target}: ${response.status}`);
        want.push(`${caller} -> ${target}: ${expected}`);
        if (response.status >= 400) {
          // A refusal writes nothing: not the profile, log, cards, smart orders, orders or enrollees.
          if ((await snapshot(targets[target].id)) !== before) changedOnDeny.push(`${caller} -> ${target}`);
        } else {
          await streamSettled();
        }
      }
    }
    expect(got).toEqual(want);
    expect(changedOnDeny).toEqual([]);
  });
});

describe('role matrix: each caller on its own account', () => {
  it('covers the same routes', () => {
    expect(Object.keys(SELF).sort()).toEqual(Object.keys(MEMBER_TARGET_ROUTES).sort());
  });

  it('lets a member change itself where the route allows its role', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const routeKey of Object.keys(SELF)) {
      for (const caller of CALLERS) {
        const { member, client } = callers[caller];
        const send = await CALLS[routeKey]!(client, member);
        const response = await send();
        got.push(`${routeKey} by ${caller}: ${response.status}`);
        want.push(`${routeKey} by ${caller}: ${SELF[routeKey]![caller]}`);
        if (response.status < 400) await streamSettled();
      }
    }
    expect(got).toEqual(want);
    // Every route by every caller, one after the other: minutes on a busy machine, not the default 30 s.
  }, 300_000);
});

describe('taking over a staff account', () => {
  type MemberBody = { member: { version: number; email: string } };

  it('support cannot change the admin’s email (the first step of a reset-flow takeover) nor deactivate it', async () => {
    const admin = await createTestMember({ role: 'admin' });
    const support = callers.support.client;
    const read = await support.get<MemberBody>(`/api/members/${admin.id}`);
    expect(read.status).toBe(200);
    const before = await snapshot(admin.id);
    const email = await support.request('PATCH', `/api/members/${admin.id}`, {
      version: read.body.member.version,
      email: `support.owns.${admin.id}@example.com`,
      reason: 'taking over',
    });
    expect(email.status).toBe(403);
    const status = await support.request('PUT', `/api/members/${admin.id}/status`, {
      status: 'inactive',
      reason: 'taking over',
    });
    expect(status.status).toBe(403);
    expect(await snapshot(admin.id)).toBe(before);
    // The reset flow still mails only the admin's own address.
    await new Client().post('/api/auth/password-reset', { email: `support.owns.${admin.id}@example.com` });
    await drainQueue('email');
    expect(await mailTo(`support.owns.${admin.id}@example.com`)).toEqual([]);
  });

  it('an email change mails the old address and ends the member’s sessions', async () => {
    const member = await partnerUnder(upline);
    const own = await signedIn(member);
    expect((await own.get('/api/auth/me')).status).toBe(200);
    const support = callers.support.client;
    const version = (await support.get<MemberBody>(`/api/members/${member.id}`)).body.member.version;
    const unexplained = await support.request<{ error: { details: { field: string }[] } }>(
      'PATCH',
      `/api/members/${member.id}`,
      { version, email: `new.${member.id}@example.com` },
    );
    expect([unexplained.status, unexplained.body.error.details[0]?.field]).toEqual([422, 'body.reason']);
    const changed = await support.request<MemberBody>('PATCH', `/api/members/${member.id}`, {
      version,
      email: `new.${member.id}@example.com`,
      reason: 'member called from its new address',
    });
    expect(changed.status).toBe(200);
    // The member's log keeps who, the old and the new value, and why.
    const log = await support.get<{ items: { action: string; actorId: string; reason?: string; detail?: unknown }[] }>(
      `/api/members/${member.id}/log`,
    );
    expect(log.body.items.find((e) => e.action === 'support.profile_updated')).toMatchObject({
      actorId: callers.support.member.id,
      reason: 'member called from its new address',
      detail: { changes: { email: { from: member.email, to: `new.${member.id}@example.com` } } },
    });
    expect(changed.body.member.email).toBe(`new.${member.id}@example.com`);
    // The member's session ended at once, not at token expiry.
    expect((await own.get('/api/auth/me')).status).toBe(401);
    await drainQueue('email');
    const [notice] = await mailTo(member.email);
    expect(notice?.subject).toMatch(/email/i);
    expect(notice?.body.text).toContain(`n•••@example.com`);
  });

  it('a member changing its own email stays signed in where it did, and is signed out elsewhere', async () => {
    const member = await partnerUnder(upline);
    const here = await signedIn(member);
    const elsewhere = await signedIn(member);
    const version = (await here.get<MemberBody>('/api/members/me')).body.member.version;
    const changed = await here.request('PATCH', '/api/members/me', { version, email: `mine.${member.id}@example.com` });
    expect(changed.status).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    await drainQueue('email');
    expect((await mailTo(member.email)).length).toBe(1);
  });
});
