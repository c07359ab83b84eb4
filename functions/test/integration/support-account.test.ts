import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { saveCard } from '../../src/payments/methods.js';
import { SANDBOX_CARDS } from '../../src/payments/sandbox.js';
import { Client, type ApiResponse, signedIn } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';
import { drainQueue } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details: { field?: string }[] } };
type LogEntry = { at: string; action: string; actorId: string; reason?: string; detail?: Record<string, unknown> };

const tag = randomUUID().slice(0, 8);
const email = (name: string) => `acct.${name}.${tag}@example.com`;
const key = () => randomUUID();

const logOf = async (memberId: string): Promise<LogEntry[]> =>
  ((
    await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':log': keys.memberLogPrefix },
        ConsistentRead: true,
        ScanIndexForward: false,
      }),
    )
  ).Items ?? []) as LogEntry[];

let root: Member, partner: Member, customer: Member, stranger: Member, supportMember: Member, admin: Member;
let otherSupport: Member;
const as: Record<string, Client> = {};

beforeAll(async () => {
  await putCompanySettings();
  root = await partnerUnder(null, { email: email('root') });
  partner = await partnerUnder(root, {
    email: email('partner'),
    companyName: 'Baker Wellness LLC',
    dateOfBirth: '1980-04-02',
    phone: '+1 512 555 0101',
  });
  customer = await createTestMember({
    role: 'customer',
    email: email('customer'),
    sponsorId: partner.id,
    sponsorPath: [root.id, partner.id],
  });
  stranger = await partnerUnder(null, { email: email('stranger') });
  supportMember = await createTestMember({ role: 'support', email: email('support') });
  otherSupport = await createTestMember({ role: 'support', email: email('support2') });
  admin = await createTestMember({ role: 'admin', email: email('admin') });
  const members = { root, partner, customer, stranger, support: supportMember, admin };
  await Promise.all(Object.entries(members).map(async ([name, m]) => (as[name] = await signedIn(m))));
  await saveCard(partner.id, { number: SANDBOX_CARDS.success, expMonth: 12, expYear: 2035, cvc: '123', holder: 'P' });
});

describe('the account overview', () => {
  it('shows support everything at a glance, and logs the read of sensitive fields once', async () => {
    const before = (await logOf(partner.id)).length;
    const response = await as.support!.get<{ member: Record<string, unknown> }>(`/api/support/members/${partner.id}`);
    expect(response.status).toBe(200);
    const member = response.body.member;
    expect(member).toMatchObject({
      id: partner.id,
      username: partner.username,
      status: 'active',
      companyName: 'Baker Wellness LLC',
      dateOfBirth: '1980-04-02',
      identity: 'none',
      payout: { directDeposit: false, taxId: false },
      email: { address: partner.email, optOut: false, suppressed: null },
      lock: { locked: false },
      sponsor: { id: root.id, name: root.displayName },
      placement: { id: root.id, name: root.displayName },
      staffAccount: false,
    });
    expect(member.cards).toEqual([expect.objectContaining({ last4: SANDBOX_CARDS.success.slice(-4), expYear: 2035 })]);
    expect(member.lastSignIn).toMatchObject({ ip: expect.any(String), location: null, outcome: 'success' });
    expect(member.ranks).toMatchObject({ paidRank: 1, highestRank: 1, qualifiedRank: expect.any(Number) });
    const log = await logOf(partner.id);
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({
      action: 'support.viewed',
      actorId: supportMember.id,
      detail: { fields: ['dateOfBirth', 'signInHistory'] },
    });
  });

  it('a staff read of the member profile with private fields is logged too; the member’s own read is not', async () => {
    const before = (await logOf(partner.id)).length;
    expect((await as.support!.get(`/api/members/${partner.id}`)).status).toBe(200);
    const log = await logOf(partner.id);
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({
      action: 'support.viewed',
      actorId: supportMember.id,
      detail: { fields: ['dateOfBirth'], view: 'profile' },
    });
    expect((await as.partner!.get('/api/members/me')).status).toBe(200);
    expect((await logOf(partner.id)).length).toBe(before + 1);
  });

  it('is for staff only, and not on staff accounts for support; malformed ids are a 400', async () => {
    for (const who of ['partner', 'customer', 'root']) {
      expect((await as[who]!.get(`/api/support/members/${customer.id}`)).status, who).toBe(403);
    }
    expect((await as.support!.get(`/api/support/members/${admin.id}`)).status).toBe(403);
    expect((await as.support!.get(`/api/support/members/${otherSupport.id}`)).status).toBe(403);
    expect((await as.admin!.get(`/api/support/members/${otherSupport.id}`)).status).toBe(200);
    expect((await as.support!.get('/api/support/members/99999999')).status).toBe(404);
    const bad = await as.support!.get<ErrorBody>('/api/support/members/abc');
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, 'params.id']);
  });
});

describe('the call log', () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    channel: 'call',
    topic: 'Smart order',
    outcome: 'resolved',
    text: 'Member asked José to move the smart order date.',
    idempotencyKey: key(),
    ...overrides,
  });

  it('writes a note once per key, even ten times in parallel, with a log entry, and lists it newest first', async () => {
    const same = body();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        as.support!.post<{ note: { id: string } }>(`/api/support/members/${customer.id}/calls`, same),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.note.id)).size).toBe(1);
    expect((await logOf(customer.id)).filter((e) => e.action === 'support.call_logged')).toHaveLength(1);
    await as.support!.post(
      `/api/support/members/${customer.id}/calls`,
      body({ channel: 'chat', topic: 'Login', text: 'Could not sign in' }),
    );
    const list = await as.support!.get<{ items: { topic: string; channel: string; authorId: string }[] }>(
      `/api/support/members/${customer.id}/calls`,
    );
    expect(list.body.items.map((n) => n.topic)).toEqual(['Login', 'Smart order']);
    expect(list.body.items[0]!.authorId).toBe(supportMember.id);
    // Accents and case ignored; channel and topic filter.
    const found = await as.support!.get<{ items: { topic: string }[] }>(
      `/api/support/members/${customer.id}/calls?q=JOSE`,
    );
    expect(found.body.items.map((n) => n.topic)).toEqual(['Smart order']);
    const chats = await as.support!.get<{ items: { topic: string }[] }>(
      `/api/support/members/${customer.id}/calls?channel=chat`,
    );
    expect(chats.body.items.map((n) => n.topic)).toEqual(['Login']);
    const byTopic = await as.support!.get<{ items: { topic: string }[] }>(
      `/api/support/members/${customer.id}/calls?topic=smart%20order`,
    );
    expect(byTopic.body.items.map((n) => n.topic)).toEqual(['Smart order']);
    // The company-wide log finds it by agent.
    const recent = await as.admin!.get<{ items: { memberId: string }[] }>(
      `/api/support/calls?agent=${supportMember.id}&q=jose`,
    );
    expect(recent.body.items.map((n) => n.memberId)).toEqual([customer.id]);
  });

  it('refuses a reused key for another note, bad input naming the field, other roles and staff targets', async () => {
    const first = body();
    expect((await as.support!.post(`/api/support/members/${customer.id}/calls`, first)).status).toBe(201);
    const reused = await as.support!.post<ErrorBody>(`/api/support/members/${customer.id}/calls`, {
      ...first,
      text: 'else',
    });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    const bad = await as.support!.post<ErrorBody>(
      `/api/support/members/${customer.id}/calls`,
      body({ channel: 'fax' }),
    );
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, 'body.channel']);
    const noText = await as.support!.post<ErrorBody>(`/api/support/members/${customer.id}/calls`, body({ text: '  ' }));
    expect([noText.status, noText.body.error.details[0]?.field]).toEqual([400, 'body.text']);
    expect((await as.partner!.post(`/api/support/members/${customer.id}/calls`, body())).status).toBe(403);
    expect((await as.customer!.post(`/api/support/members/${customer.id}/calls`, body())).status).toBe(403);
    expect((await as.support!.post(`/api/support/members/${admin.id}/calls`, body())).status).toBe(403);
    expect((await as.admin!.post(`/api/support/members/${otherSupport.id}/calls`, body())).status).toBe(403);
    expect((await as.partner!.get(`/api/support/calls`)).status).toBe(403);
  });
});

describe('account actions', () => {
  const act = (client: Client, member: Member, action: string, extra: Record<string, unknown> = {}) =>
    client.post<Record<string, unknown>>(`/api/support/members/${member.id}/actions/${action}`, {
      reason: 'Member called, verified by phone',
      idempotencyKey: key(),
      ...extra,
    });

  it('mails a reset link once per key (ten in parallel), logged with the reason; support never sees the link', async () => {
    const target = await partnerUnder(root, { email: email('reset') });
    const same = { reason: 'Member forgot the password', idempotencyKey: key() };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        as.support!.post<Record<string, unknown>>(`/api/support/members/${target.id}/actions/password-reset`, same),
      ),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(JSON.stringify(responses.map((r) => r.body))).not.toMatch(/token|reset-password/);
    await drainQueue('email');
    const mails = await mailTo(target.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('/reset-password?token=');
    const entries = (await logOf(target.id)).filter((e) => e.action === 'support.password_reset_sent');
    expect(entries).toEqual([
      expect.objectContaining({ actorId: supportMember.id, reason: 'Member forgot the password' }),
    ]);
  });

  it('unlocks a locked account (the member signs in again), ends sessions, resends the welcome', async () => {
    const target = await partnerUnder(root, { email: email('locked') });
    const own = await signedIn(target);
    const guest = new Client();
    for (let n = 0; n < 5; n++)
      await guest.post('/api/auth/sign-in', { login: target.username, password: 'wrong one' });
    expect((await guest.post('/api/auth/sign-in', { login: target.username, password: TEST_PASSWORD })).status).toBe(
      423,
    );
    const overview = await as.support!.get<{ member: { lock: { locked: boolean } } }>(
      `/api/support/members/${target.id}`,
    );
    expect(overview.body.member.lock.locked).toBe(true);
    const unlocked = await act(as.support!, target, 'unlock');
    expect(unlocked.body).toMatchObject({ action: 'unlock', wasLocked: true });
    expect((await guest.post('/api/auth/sign-in', { login: target.username, password: TEST_PASSWORD })).status).toBe(
      200,
    );

    const ended = await act(as.support!, target, 'end-sessions');
    expect(ended.body).toMatchObject({ action: 'end-sessions', sessionsEnded: 2 });
    expect((await own.get('/api/auth/me')).status).toBe(401);

    expect((await act(as.support!, target, 'resend-welcome')).body).toMatchObject({ mailed: true });
    await drainQueue('email');
    expect((await mailTo(target.email)).length).toBe(1);
    const actions = (await logOf(target.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['support.unlocked', 'support.sessions_ended', 'support.welcome_resent']),
    );
  });

  it('needs a reason (400 naming it, nothing changed), staff only, never on a staff account', async () => {
    const target = await partnerUnder(root, { email: email('noreason') });
    const before = (await logOf(target.id)).length;
    const noReason = await as.support!.post<ErrorBody>(`/api/support/members/${target.id}/actions/unlock`, {
      idempotencyKey: key(),
    });
    expect([noReason.status, noReason.body.error.details[0]?.field]).toEqual([400, 'body.reason']);
    const badAction = await act(as.support!, target, 'set-password');
    expect([badAction.status, (badAction.body as ErrorBody).error.details[0]?.field]).toEqual([400, 'params.action']);
    expect((await logOf(target.id)).length).toBe(before);
    expect((await act(as.partner!, customer, 'end-sessions')).status).toBe(403);
    expect((await act(as.customer!, customer, 'end-sessions')).status).toBe(403);
    expect((await act(as.support!, admin, 'password-reset')).status).toBe(403);
    expect((await act(as.support!, otherSupport, 'end-sessions')).status).toBe(403);
    expect((await act(as.admin!, otherSupport, 'end-sessions')).status).toBe(403);
  });
});

describe('staff edits', () => {
  it('log every changed field with its old and new value, and the reason', async () => {
    const target = await partnerUnder(root, { email: email('edit'), phone: '+1 512 555 0000' });
    const version = (await as.support!.get<{ member: { version: number } }>(`/api/support/members/${target.id}`)).body
      .member.version;
    const saved = await as.support!.request('PATCH', `/api/members/${target.id}`, {
      version,
      phone: '+1 512 555 0199',
      companyName: 'Target Co',
      reason: 'Member called with new details',
    });
    expect(saved.status).toBe(200);
    const entry = (await logOf(target.id)).find((e) => e.action === 'support.profile_updated');
    expect(entry).toMatchObject({
      actorId: supportMember.id,
      reason: 'Member called with new details',
      detail: {
        changes: {
          phone: { from: '+1 512 555 0000', to: '+1 512 555 0199' },
          companyName: { from: null, to: 'Target Co' },
        },
      },
    });
  });
});

describe('the timeline', () => {
  it('merges the log, call notes and sign-ins newest first, and pages back', async () => {
    const target = await partnerUnder(root, { email: email('timeline') });
    await signedIn(target);
    await as.support!.post(`/api/support/members/${target.id}/calls`, {
      channel: 'email',
      topic: 'Commissions',
      outcome: 'info',
      text: 'Explained the weekly bonus',
      idempotencyKey: key(),
    });
    await as.support!.post(`/api/support/members/${target.id}/actions/resend-welcome`, {
      reason: 'Lost the first one',
      idempotencyKey: key(),
    });
    const page = await as.support!.get<{
      items: { kind: string; action: string; at: string }[];
      before: string | null;
    }>(`/api/support/members/${target.id}/timeline?limit=50`);
    expect(page.status).toBe(200);
    const kinds = page.body.items.map((e) => `${e.kind}:${e.action}`);
    expect(kinds).toEqual(expect.arrayContaining(['log:support.welcome_resent', 'call:email', 'sign_in:success']));
    expect(kinds).not.toContain('log:support.call_logged');
    const ats = page.body.items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const first = await as.support!.get<{ items: { at: string }[]; before: string | null }>(
      `/api/support/members/${target.id}/timeline?limit=1`,
    );
    expect(first.body.before).toEqual(expect.any(String));
    const second = await as.support!.get<{ items: { at: string }[] }>(
      `/api/support/members/${target.id}/timeline?limit=1&before=${encodeURIComponent(first.body.before!)}`,
    );
    expect(second.body.items[0]!.at < first.body.items[0]!.at).toBe(true);
    expect((await as.partner!.get(`/api/support/members/${target.id}/timeline`)).status).toBe(403);
    const bad = await as.support!.get<ErrorBody>(`/api/support/members/${target.id}/timeline?before=yesterday`);
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, 'query.before']);
  });
});

describe('viewing the member’s portal', () => {
  const cloneOf = (client: Client) => {
    const copy = new Client();
    for (const [name, cookie] of client.jar) copy.jar.set(name, { ...cookie });
    return copy;
  };

  async function startView(target: Member): Promise<{ viewer: Client; started: ApiResponse }> {
    const viewer = cloneOf(as.support!);
    const started = await viewer.post(`/api/support/members/${target.id}/view-as`, {
      reason: 'Member cannot find its order',
    });
    return { viewer, started };
  }

  it('is read-only as the member: reads work, every write is refused and recorded, and ending returns to staff', async () => {
    const { viewer, started } = await startView(partner);
    expect(started.status).toBe(201);
    const me = await viewer.get<{ member: { id: string }; session: Record<string, unknown> }>('/api/auth/me');
    expect(me.body.member.id).toBe(partner.id);
    expect(me.body.session).toMatchObject({
      readOnly: true,
      impersonatedBy: supportMember.id,
      viewEndsAt: expect.any(String),
    });
    expect((await viewer.get('/api/orders')).status).toBe(200);
    const version = (await viewer.get<{ member: { version: number } }>('/api/members/me')).body.member.version;
    const writes: [string, string, unknown][] = [
      ['PATCH', '/api/members/me', { version, phone: '+1 512 555 0777' }],
      ['POST', '/api/orders', { items: [{ sku: 'X', quantity: 1 }], idempotencyKey: key() }],
      ['POST', `/api/members/${partner.id}/autoships`, { items: [] }],
      ['POST', '/api/broadcasts', {}],
      ['POST', '/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'a whole new password' }],
      ['PUT', `/api/members/${partner.id}/tax-id`, { taxId: '123456789' }],
      ['POST', '/api/auth/sign-out', undefined],
      ['POST', `/api/support/members/${customer.id}/calls`, {}],
    ];
    const before = (await logOf(partner.id)).length;
    for (const [method, path, body] of writes) {
      const response = await viewer.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await logOf(partner.id)).length).toBe(before);
    // Still the view: sign-out was refused too.
    expect((await viewer.get<{ member: { id: string } }>('/api/auth/me')).body.member.id).toBe(partner.id);

    const ended = await viewer.post<{ memberId: string }>('/api/support/view-as/end');
    expect([ended.status, ended.body.memberId]).toEqual([200, partner.id]);
    const back = await viewer.get<{ member: { id: string }; session: { readOnly: boolean } }>('/api/auth/me');
    expect([back.body.member.id, back.body.session.readOnly]).toEqual([supportMember.id, false]);
    // Ending again finds no view.
    expect((await viewer.post('/api/support/view-as/end')).status).toBe(404);

    const views = await as.support!.get<{
      items: { staffId: string; endedAt: string | null; requests: { route: string; refused: boolean }[] }[];
    }>(`/api/support/members/${partner.id}/views`);
    const view = views.body.items[0]!;
    expect(view.staffId).toBe(supportMember.id);
    expect(view.endedAt).toEqual(expect.any(String));
    expect(view.requests.filter((r) => r.refused).map((r) => r.route)).toEqual(
      expect.arrayContaining(['PATCH /api/members/{id}', 'POST /api/orders', 'POST /api/auth/change-password']),
    );
    expect(view.requests.some((r) => r.route === 'GET /api/orders' && !r.refused)).toBe(true);
    const memberLog = (await logOf(partner.id)).map((e) => e.action);
    expect(memberLog).toEqual(expect.arrayContaining(['support.view_started', 'support.view_ended']));
    const staffLog = (await logOf(supportMember.id)).map((e) => e.action);
    expect(staffLog).toEqual(expect.arrayContaining(['support.viewed_as', 'support.view_as_ended']));
  });

  it('expires on the server after its time, and the way back still works', async () => {
    const { viewer, started } = await startView(customer);
    expect(started.status).toBe(201);
    const sessions = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.memberSessions(customer.id) },
      }),
    );
    const view = sessions.Items!.find((s) => s.impersonatedBy === supportMember.id && !s.revokedAt)!;
    // Thirty minutes later (moved by hand): the server refuses the view's token at once.
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.session(view.sessionId as string),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    expect((await viewer.get('/api/auth/me')).status).toBe(401);
    const ended = await viewer.post('/api/support/view-as/end');
    expect(ended.status).toBe(200);
    expect((await viewer.get<{ member: { id: string } }>('/api/auth/me')).body.member.id).toBe(supportMember.id);
    const log = await logOf(customer.id);
    expect(log.find((e) => e.action === 'support.view_ended')?.detail).toMatchObject({ expired: true });
  });

  it('opens one view when the same start is sent ten times at once from one staff session', async () => {
    const target = await partnerUnder(root, { email: email('parallel-view') });
    const clients = Array.from({ length: 10 }, () => cloneOf(as.support!));
    const responses = await Promise.all(
      clients.map((c) => c.post(`/api/support/members/${target.id}/view-as`, { reason: 'Parallel view' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect((await logOf(target.id)).filter((e) => e.action === 'support.view_started')).toHaveLength(1);
    const viewer = clients[responses.findIndex((r) => r.status === 201)]!;
    expect((await viewer.post('/api/support/view-as/end')).status).toBe(200);
    // Ended: the same staff session may open a view again.
    const again = cloneOf(as.support!);
    expect((await again.post(`/api/support/members/${target.id}/view-as`, { reason: 'Once more' })).status).toBe(201);
    expect((await again.post('/api/support/view-as/end')).status).toBe(200);
  });

  it('is staff only, needs a reason, never on staff accounts; a partner cannot end someone’s view', async () => {
    expect((await as.partner!.post(`/api/support/members/${customer.id}/view-as`, { reason: 'curious' })).status).toBe(
      403,
    );
    expect((await as.customer!.post(`/api/support/members/${customer.id}/view-as`, { reason: 'curious' })).status).toBe(
      403,
    );
    const noReason = await cloneOf(as.support!).post<ErrorBody>(`/api/support/members/${customer.id}/view-as`, {});
    expect([noReason.status, noReason.body.error.details[0]?.field]).toEqual([400, 'body.reason']);
    expect(
      (await cloneOf(as.support!).post(`/api/support/members/${admin.id}/view-as`, { reason: 'look' })).status,
    ).toBe(403);
    expect(
      (await cloneOf(as.admin!).post(`/api/support/members/${otherSupport.id}/view-as`, { reason: 'look' })).status,
    ).toBe(403);
    expect((await cloneOf(as.partner!).post('/api/support/view-as/end')).status).toBe(404);
    expect((await as.partner!.get(`/api/support/members/${partner.id}/views`)).status).toBe(403);
  });
});
