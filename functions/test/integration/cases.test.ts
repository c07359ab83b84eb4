import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  CaseStats,
  CaseView,
  ImportReport,
  MemberCaseView,
  ThreadEntry,
} from '@arbor/shared/cases/model';
import { IMPORT_TEMPLATE } from '@arbor/shared/cases/csv';
import type { Member } from '@arbor/shared/members/model';
import { insertCase, type CaseRecord } from '../../src/cases/repository.js';
import { type Client, signedIn } from '../support/api.js';
import { IpClient } from '../support/from-ip.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { drainQueue } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; details?: { field?: string; rule?: string }[] } };
type Page<T> = { items: T[]; cursor: string | null };
type MemberDetail = { case: MemberCaseView; thread: ThreadEntry[] };

const HOUR = 3_600_000;
const key = () => randomUUID().replace(/-/g, '');
const mail = (name: string) => `cases.${name}.${randomUUID().slice(0, 8)}@example.com`;

let partner: Member, other: Member, customer: Member, support: Member, admin: Member, siteOwner: Member;
const as: Record<string, Client> = {};
const client = (name: string) => as[name] as Client;

beforeAll(async () => {
  await putCompanySettings();
  partner = await partnerUnder(null, { email: mail('partner') });
  other = await partnerUnder(null, { email: mail('other') });
  customer = await createTestMember({ role: 'customer', email: mail('customer'), language: 'es' });
  support = await createTestMember({ role: 'support', email: mail('support') });
  admin = await createTestMember({ role: 'admin', email: mail('admin') });
  siteOwner = await partnerUnder(null, { email: mail('site'), siteName: `cases-site-${Date.now()}` });
  const members = { partner, other, customer, support, admin };
  await Promise.all(Object.entries(members).map(async ([name, m]) => (as[name] = await signedIn(m))));
  const billing = await client('admin').request('PUT', '/api/admin/case-types/billing', {
    names: { en: 'Billing', es: 'Facturación' },
    slaHours: { low: 72, normal: 24, high: 8, urgent: 2 },
  });
  expect(billing.status).toBe(200);
});

async function staffCase(body: Record<string, unknown>, as = 'support'): Promise<CaseView> {
  const response = await client(as).post<{ case: CaseView }>('/api/support/cases', {
    subject: 'Card declined',
    message: 'The member called about a declined card.',
    idempotencyKey: key(),
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.case;
}

const desk = async (query: string) => {
  const response = await client('support').get<Page<CaseView>>(`/api/support/cases?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

const stats = async () => (await client('support').get<CaseStats>('/api/support/cases/stats')).body;

describe('cases from the portal', () => {
  it('a member opens a request, sees it with its thread, and nobody else does', async () => {
    const created = await client('partner').post<{ case: MemberCaseView }>('/api/cases', {
      subject: 'Where is my order?',
      message: 'It has been two weeks.',
      idempotencyKey: key(),
    });
    expect(created.status).toBe(201);
    const number = created.body.case.number;
    expect(created.body.case).toMatchObject({ status: 'open', typeName: 'General question' });

    const mine = await client('partner').get<Page<MemberCaseView>>('/api/cases');
    expect(mine.body.items.map((c) => c.number)).toContain(number);
    const detail = await client('partner').get<MemberDetail>(`/api/cases/${number}`);
    expect(detail.status).toBe(200);
    expect(detail.body.thread).toEqual([expect.objectContaining({ kind: 'message', body: 'It has been two weeks.' })]);

    // Another member, a customer: a 404, like a case that does not exist; their lists do not have it.
    expect((await client('other').get<ErrorBody>(`/api/cases/${number}`)).status).toBe(404);
    expect((await client('customer').get<ErrorBody>(`/api/cases/${number}`)).status).toBe(404);
    expect(
      (await client('other').post<ErrorBody>(`/api/cases/${number}/replies`, { body: 'me too', idempotencyKey: key() }))
        .status,
    ).toBe(404);
    expect(
      (await client('other').get<Page<MemberCaseView>>('/api/cases')).body.items.map((c) => c.number),
    ).not.toContain(number);

    // Staff see it on the desk with its member and an SLA deadline from the default type (normal: 48 h).
    const staffView = (await client('support').get<CaseDetail>(`/api/support/cases/${number}`)).body.case;
    expect(staffView).toMatchObject({ source: 'portal', memberId: partner.id, priority: 'normal', typeId: 'general' });
    expect(Date.parse(staffView.deadline) - Date.parse(staffView.createdAt)).toBe(48 * HOUR);

    // The member's log says a case was opened.
    const log = await client('support').get<{ items: { action: string; detail?: { number?: number } }[] }>(
      `/api/members/${partner.id}/log`,
    );
    expect(log.body.items.some((e) => e.action === 'case.opened' && e.detail?.number === number)).toBe(true);
  });

  it('ten parallel submits with one idempotency key make one case; the key with another text is a 409', async () => {
    const idempotencyKey = key();
    const body = { subject: 'Double click', message: 'Clicked many times.', idempotencyKey };
    const before = (await stats()).byStatus.open;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client('customer').post<{ case: MemberCaseView }>('/api/cases', body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.case.number)).size).toBe(1);
    expect(
      (await client('customer').get<Page<MemberCaseView>>('/api/cases')).body.items.filter(
        (c) => c.subject === 'Double click',
      ),
    ).toHaveLength(1);
    expect((await stats()).byStatus.open).toBe(before + 1);

    const reused = await client('customer').post<ErrorBody>('/api/cases', { ...body, message: 'Something else' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('bad input is a 400 naming the field and opens nothing', async () => {
    const before = (await client('partner').get<Page<MemberCaseView>>('/api/cases')).body.items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: '', message: 'x', idempotencyKey: key() }, 'body.subject'],
      [{ subject: 'x', message: 'x'.repeat(10_001), idempotencyKey: key() }, 'body.message'],
      [{ subject: 'x', message: 'x', idempotencyKey: 'short' }, 'body.idempotencyKey'],
      [{ subject: 'x', message: 'x', typeId: 'No Such Type', idempotencyKey: key() }, 'body.typeId'],
      [{ subject: 'x', message: 'x', typeId: 'no-such-type', idempotencyKey: key() }, 'body.typeId'],
    ];
    for (const [body, field] of cases) {
      const response = await client('partner').post<ErrorBody>('/api/cases', body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.details?.map((d) => d.field)).toContain(field);
    }
    for (const path of ['/api/cases/abc', '/api/cases/1%2F2', '/api/cases/0000000000001']) {
      expect((await client('partner').get<ErrorBody>(path)).status, path).toBe(400);
    }
    expect((await client('partner').get<ErrorBody>('/api/cases/999999')).status).toBe(404);
    expect((await client('partner').get<Page<MemberCaseView>>('/api/cases')).body.items).toHaveLength(before);
  });
});

describe('the public contact form', () => {
  const form = (overrides: Record<string, unknown> = {}) => ({
    name: 'Visitor Vance',
    email: mail('visitor'),
    subject: 'Do you ship to Canada?',
    message: `Asking before I join (${randomUUID()}).`,
    ...overrides,
  });

  it('opens a case for the name and email given; the same message again opens none', async () => {
    const body = form();
    const visitor = new IpClient();
    const first = await visitor.post<{ received: boolean }>(`/api/join/${siteOwner.siteName}/contact`, body);
    expect(first.status).toBe(202);
    expect((await visitor.post(`/api/join/${siteOwner.siteName}/contact`, body)).status).toBe(202);
    const found = (await desk('limit=200')).items.filter((c) => c.contactEmail === body.email);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      source: 'public',
      memberId: null,
      contactName: 'Visitor Vance',
      siteName: siteOwner.siteName,
      status: 'open',
    });
  });

  it('a filled honeypot is answered the same and stores nothing', async () => {
    const body = form({ website: 'http://spam.example' });
    const response = await new IpClient().post(`/api/join/${siteOwner.siteName}/contact`, body);
    expect(response.status).toBe(202);
    expect((await desk('limit=200')).items.filter((c) => c.contactEmail === body.email)).toHaveLength(0);
  });

  it('bad input is a 400 naming the field; an unknown site is a 404', async () => {
    const visitor = new IpClient();
    for (const [body, field] of [
      [form({ email: 'not-an-email' }), 'body.email'],
      [form({ name: '' }), 'body.name'],
      [form({ subject: 'x'.repeat(201) }), 'body.subject'],
      [form({ website: 'x'.repeat(501) }), 'body.website'],
    ] as const) {
      const response = await visitor.post<ErrorBody>(`/api/join/${siteOwner.siteName}/contact`, body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.details?.map((d) => d.field)).toContain(field);
    }
    expect((await visitor.post<ErrorBody>('/api/join/NOT%20A%20SITE/contact', form())).status).toBe(400);
    expect((await visitor.post<ErrorBody>('/api/join/no-such-site-here/contact', form())).status).toBe(404);
  });

  it('is rate limited per network: the 11th message in an hour is a 429 with Retry-After', async () => {
    const visitor = new IpClient();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await visitor.post(`/api/join/${siteOwner.siteName}/contact`, form())).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    const limited = await visitor.post(`/api/join/${siteOwner.siteName}/contact`, form());
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
  });

  it('and per address: the 6th message from one email is a 429 whatever the network', async () => {
    const email = mail('chatty');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await new IpClient().post(`/api/join/${siteOwner.siteName}/contact`, form({ email }))).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe('the staff desk', () => {
  it('support opens a case by hand with the SLA of its type and priority; a change recomputes it from creation', async () => {
    const made = await staffCase({ memberId: customer.id, typeId: 'billing', priority: 'high' });
    expect(made).toMatchObject({ source: 'staff', memberId: customer.id, typeName: 'Billing', sla: 'on_track' });
    expect(Date.parse(made.deadline) - Date.parse(made.createdAt)).toBe(8 * HOUR);

    const urgent = await client('support').request<CaseDetail>('PATCH', `/api/support/cases/${made.number}`, {
      version: made.version,
      priority: 'urgent',
    });
    expect(urgent.status).toBe(200);
    expect(Date.parse(urgent.body.case.deadline) - Date.parse(made.createdAt)).toBe(2 * HOUR);
    expect(urgent.body.case.sla).toBe('about_to_expire');

    const general = await client('support').request<CaseDetail>('PATCH', `/api/support/cases/${made.number}`, {
      version: urgent.body.case.version,
      typeId: 'general',
    });
    expect(Date.parse(general.body.case.deadline) - Date.parse(made.createdAt)).toBe(4 * HOUR);
    expect(general.body.thread.map((e) => [e.kind, e.from, e.to])).toEqual([
      ['message', null, null],
      ['priority', 'high', 'urgent'],
      ['type', 'Billing', 'General question'],
    ]);

    // Each change is in the member's log with the staff member who made it.
    const log = await client('admin').get<{ items: { action: string; actorId: string }[] }>(
      `/api/members/${customer.id}/log`,
    );
    expect(log.body.items.filter((e) => e.action === 'case.changed' && e.actorId === support.id)).toHaveLength(2);
  });

  it('ten parallel creates with one key make one case', async () => {
    const body = { subject: 'Called twice', message: 'Parallel', memberId: partner.id, idempotencyKey: key() };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client('support').post<{ case: CaseView }>('/api/support/cases', body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.case.number)).size).toBe(1);
    expect(
      (await desk(`memberId=${partner.id}&limit=200`)).items.filter((c) => c.subject === 'Called twice'),
    ).toHaveLength(1);
  });

  it('support never opens a case on a staff account; an assignee must be staff; a contact needs an email', async () => {
    const onStaff = await client('support').post<ErrorBody>('/api/support/cases', {
      subject: 'x',
      message: 'x',
      memberId: admin.id,
      idempotencyKey: key(),
    });
    expect(onStaff.status).toBe(403);
    const badAssignee = await client('support').post<ErrorBody>('/api/support/cases', {
      subject: 'x',
      message: 'x',
      memberId: partner.id,
      assigneeId: other.id,
      idempotencyKey: key(),
    });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.error.details?.[0]?.field).toBe('body.assigneeId');
    const noContact = await client('support').post<ErrorBody>('/api/support/cases', {
      subject: 'x',
      message: 'x',
      idempotencyKey: key(),
    });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.details?.[0]?.field).toBe('body.contactEmail');
  });

  it('partners and customers get 403 on every staff route; staff get 403 on the member routes', async () => {
    const staffRoutes: [string, string, unknown?][] = [
      ['GET', '/api/support/cases'],
      ['GET', '/api/support/cases/stats'],
      ['GET', '/api/support/cases/1001'],
      ['POST', '/api/support/cases', { subject: 'x', message: 'x', memberId: partner.id, idempotencyKey: key() }],
      ['POST', '/api/support/cases/import', { csv: IMPORT_TEMPLATE }],
      ['PATCH', '/api/support/cases/1001', { version: 1, status: 'closed' }],
      ['POST', '/api/support/cases/1001/notes', { body: 'x', idempotencyKey: key() }],
      ['POST', '/api/support/cases/1001/replies', { body: 'x', idempotencyKey: key() }],
      ['GET', '/api/admin/case-types'],
      [
        'PUT',
        '/api/admin/case-types/x',
        { names: { en: 'x', es: 'x' }, slaHours: { low: 1, normal: 1, high: 1, urgent: 1 } },
      ],
    ];
    for (const who of ['partner', 'customer']) {
      for (const [method, path, body] of staffRoutes) {
        const response = await client(who).request<ErrorBody>(method, path, body);
        expect(response.status, `${who} ${method} ${path}`).toBe(403);
      }
    }
    // Support may not define case types (admin only).
    expect(
      (
        await client('support').request('PUT', '/api/admin/case-types/x', {
          names: { en: 'x', es: 'x' },
          slaHours: { low: 1, normal: 1, high: 1, urgent: 1 },
        })
      ).status,
    ).toBe(403);
    expect((await client('support').get('/api/cases')).status).toBe(403);
    expect(
      (await client('support').post('/api/cases', { subject: 'x', message: 'x', idempotencyKey: key() })).status,
    ).toBe(403);
    // Signed out: 401.
    expect((await new IpClient().get('/api/support/cases')).status).toBe(401);
  });

  it('a stale version is a 409; ten parallel identical changes apply once', async () => {
    const made = await staffCase({ memberId: partner.id });
    const before = await stats();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        client('support').request<CaseDetail>('PATCH', `/api/support/cases/${made.number}`, {
          version: made.version,
          status: 'in_progress',
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const after = await stats();
    expect(after.byStatus.in_progress).toBe(before.byStatus.in_progress + 1);
    expect(after.byStatus.open).toBe(before.byStatus.open - 1);
    const thread = (await client('support').get<CaseDetail>(`/api/support/cases/${made.number}`)).body.thread;
    expect(thread.filter((e) => e.kind === 'status')).toHaveLength(1);
  });

  it('assigns to staff, filters by assignee, status, type, priority, number, member and dates, and pages', async () => {
    const a = await staffCase({ contactEmail: mail('f1'), typeId: 'billing', priority: 'low', assigneeId: admin.id });
    const b = await staffCase({
      contactEmail: mail('f2'),
      typeId: 'billing',
      priority: 'urgent',
      assigneeId: admin.id,
    });
    const c = await staffCase({ contactEmail: mail('f3'), priority: 'low', assigneeId: support.id });

    const mine = await client('admin').get<Page<CaseView>>('/api/support/cases?assigneeId=me');
    expect(mine.body.items.map((x) => x.number)).toEqual([b.number, a.number]);
    expect((await desk(`assigneeId=${admin.id}&priority=urgent`)).items.map((x) => x.number)).toEqual([b.number]);
    expect((await desk(`typeId=billing&priority=low`)).items.map((x) => x.number)).toContain(a.number);
    expect((await desk(`typeId=billing&priority=low`)).items.map((x) => x.number)).not.toContain(c.number);
    expect((await desk(`number=${c.number}`)).items.map((x) => x.number)).toEqual([c.number]);
    expect((await desk(`number=99999999`)).items).toEqual([]);
    expect((await desk(`assigneeId=${admin.id}&order=oldest`)).items.map((x) => x.number)).toEqual([
      a.number,
      b.number,
    ]);

    const today = new Date().toISOString().slice(0, 10);
    expect((await desk(`assigneeId=${admin.id}&from=${today}&to=${today}`)).items).toHaveLength(2);
    expect((await desk(`assigneeId=${admin.id}&to=2020-01-01`)).items).toHaveLength(0);
    expect((await desk(`status=open&from=2099-01-01`)).items).toHaveLength(0);
    const byMember = await desk(`memberId=${partner.id}&limit=200`);
    expect(byMember.items.every((x) => x.memberId === partner.id)).toBe(true);

    // Pages: two at a time through every open case, no repeats, nothing left out.
    const all = (await desk('status=open&limit=200')).items.map((x) => x.number);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<CaseView> = await desk(`status=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((x) => x.number));
      cursor = page.cursor;
    } while (cursor);
    expect(paged).toEqual(all);

    // Filtered pages (type + priority, read through a filter) page the same way.
    const filteredAll = (await desk('typeId=billing&limit=200')).items.map((x) => x.number);
    const filteredPaged: number[] = [];
    cursor = null;
    do {
      const page: Page<CaseView> = await desk(`typeId=billing&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      filteredPaged.push(...page.items.map((x) => x.number));
      cursor = page.cursor;
    } while (cursor);
    expect(filteredPaged).toEqual(filteredAll);

    for (const query of [
      'status=nope',
      'priority=HIGH',
      'from=2026-13-01',
      'from=2026-02-01&to=2026-01-01',
      'number=abc',
      'limit=0',
      'assigneeId=x',
    ]) {
      const response = await client('support').get<ErrorBody>(`/api/support/cases?${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it('counts cases by status, and active ones past their deadline or within 4 hours of it', async () => {
    const before = await stats();
    // Arrangement: cases opened days ago (the desk only makes cases now), written as the store writes them.
    const old = (number: number, hoursAgo: number, deadlineIn: number, status: CaseRecord['status']): CaseRecord => ({
      number,
      subject: `Old ${number}`,
      status,
      priority: 'normal',
      typeId: 'general',
      typeName: 'General question',
      source: 'staff',
      memberId: null,
      memberName: null,
      contactName: null,
      contactEmail: 'old@example.com',
      siteName: null,
      language: 'en',
      assigneeId: null,
      assigneeName: null,
      deadline: new Date(Date.now() + deadlineIn * HOUR).toISOString(),
      createdAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
      updatedAt: new Date().toISOString(),
      version: 1,
    });
    const arrange = (record: CaseRecord) => insertCase(record, [], { hash: key(), requestHash: 'x' });
    await arrange(old(900001, 72, -24, 'open')); // expired
    await arrange(old(900002, 72, -1, 'waiting_on_member')); // expired
    await arrange(old(900003, 45, 3, 'in_progress')); // about to expire
    await arrange(old(900004, 72, -24, 'resolved')); // late but resolved: neither
    await arrange(old(900005, 1, 40, 'open')); // on track

    const after = await stats();
    expect(after.expired - before.expired).toBe(2);
    expect(after.aboutToExpire - before.aboutToExpire).toBe(1);
    expect(after.byStatus.open - before.byStatus.open).toBe(2);
    expect(after.byStatus.resolved - before.byStatus.resolved).toBe(1);

    // Resolving an expired case takes it out of the expired count.
    const expired = (await client('support').get<CaseDetail>('/api/support/cases/900001')).body.case;
    expect(expired.sla).toBe('expired');
    await client('support').request('PATCH', '/api/support/cases/900001', { version: 1, status: 'resolved' });
    expect((await stats()).expired).toBe(after.expired - 1);
  });
});

describe('the thread: notes, email replies, the member’s replies', () => {
  it('a reply is mailed to the member and kept in the thread; a note stays internal; parallel repeats count once', async () => {
    const made = await staffCase({ memberId: customer.id, subject: 'Refund question' });
    const replyBody = { body: 'Your refund was sent today.', idempotencyKey: key() };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        client('support').post<CaseDetail>(`/api/support/cases/${made.number}/replies`, replyBody),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    const note = await client('support').post<CaseDetail>(`/api/support/cases/${made.number}/notes`, {
      body: 'Checked with finance.',
      idempotencyKey: key(),
    });
    expect(note.status).toBe(201);
    const thread = note.body.thread;
    expect(thread.filter((e) => e.kind === 'reply')).toEqual([
      expect.objectContaining({ body: 'Your refund was sent today.', emailTo: customer.email, actorId: support.id }),
    ]);
    expect(thread.filter((e) => e.kind === 'note')).toHaveLength(1);

    await drainQueue('email');
    const mails = await mailTo(customer.email);
    const caseMails = mails.filter((m) => m.subject.includes(`#${made.number}`));
    expect(caseMails).toHaveLength(1);
    // The customer writes Spanish: the mail is in Spanish and links to the case in the portal.
    expect(caseMails[0]!.subject).toBe(`[Caso #${made.number}] Refund question`);
    expect(caseMails[0]!.body.text).toContain(`/help/${made.number}`);

    // The member sees the reply, not the note, and not who on the team wrote it.
    const seen = (await client('customer').get<MemberDetail>(`/api/cases/${made.number}`)).body.thread;
    expect(seen.map((e) => e.kind)).toEqual(['message', 'reply']);
    expect(seen[1]).toMatchObject({ actorId: null, actorName: null });

    const log = await client('support').get<{ items: { action: string }[] }>(`/api/members/${customer.id}/log`);
    expect(log.body.items.filter((e) => e.action === 'case.replied')).toHaveLength(1);
    expect(log.body.items.filter((e) => e.action === 'case.noted')).toHaveLength(1);
  });

  it('a reply to a public case goes to its contact address', async () => {
    const contactEmail = mail('contact');
    const made = await staffCase({ contactEmail, contactName: 'Carla Contact' });
    const reply = await client('support').post<CaseDetail>(`/api/support/cases/${made.number}/replies`, {
      body: 'Yes, we ship there.',
      idempotencyKey: key(),
    });
    expect(reply.status).toBe(201);
    await drainQueue('email');
    const mails = await mailTo(contactEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(`quote case #${made.number}`);
  });

  it("the member's reply puts a case waiting on it back to open; a closed case takes no reply", async () => {
    const made = await staffCase({ memberId: partner.id });
    const waiting = await client('support').request<CaseDetail>('PATCH', `/api/support/cases/${made.number}`, {
      version: made.version,
      status: 'waiting_on_member',
    });
    expect(waiting.body.case.status).toBe('waiting_on_member');
    const reply = await client('partner').post<MemberDetail>(`/api/cases/${made.number}/replies`, {
      body: 'Here is the photo.',
      idempotencyKey: key(),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.case.status).toBe('open');
    expect(reply.body.thread.map((e) => e.kind)).toEqual(['message', 'status', 'member_reply', 'status']);
    const staffSide = (await client('support').get<CaseDetail>(`/api/support/cases/${made.number}`)).body;
    await client('support').request('PATCH', `/api/support/cases/${made.number}`, {
      version: staffSide.case.version,
      status: 'closed',
    });
    const refused = await client('partner').post<ErrorBody>(`/api/cases/${made.number}/replies`, {
      body: 'One more thing',
      idempotencyKey: key(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('case_closed');
  });
});

describe('the CSV import', () => {
  const header = 'subject,message,type,priority,member_id,contact_name,contact_email';
  const row = (subject: string, extra = `general,normal,,Ann,${'ann@example.com'}`) =>
    `"${subject}","Imported message for ${subject}",${extra}`;

  it('a file with bad rows imports nothing and reports each error by row and column', async () => {
    const before = (await stats()).byStatus.open;
    const csv = [
      header,
      row('Good one'),
      row('Bad type', 'no-such-type,normal,,Ann,ann@example.com'),
      row('Bad priority', 'general,asap,,Ann,ann@example.com'),
      row('No contact', 'general,normal,,Ann,'),
      row('Staff member', `general,normal,${admin.id},,`),
      row('Good two'),
    ].join('\n');
    const response = await client('support').post<ImportReport>('/api/support/cases/import', { csv });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 6, validRows: 2, imported: 0, outcome: 'has_errors' });
    expect(response.body.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'type'],
      [4, 'priority'],
      [5, 'contact_email'],
      [6, 'member_id'],
    ]);
    expect((await stats()).byStatus.open).toBe(before);

    // The agent chooses to import the valid rows: two cases.
    const valid = await client('support').post<ImportReport>('/api/support/cases/import', {
      csv,
      importValidRows: true,
    });
    expect(valid.body).toMatchObject({ imported: 2, alreadyImported: 0, outcome: 'imported' });
    expect((await stats()).byStatus.open).toBe(before + 2);
    const imported = (await client('support').get<CaseDetail>(`/api/support/cases/${valid.body.numbers[0]}`)).body;
    expect(imported.case).toMatchObject({ source: 'import', subject: 'Good one', contactEmail: 'ann@example.com' });

    // The same file again (or twice in parallel) makes no case twice.
    const again = await Promise.all([
      client('support').post<ImportReport>('/api/support/cases/import', { csv, importValidRows: true }),
      client('support').post<ImportReport>('/api/support/cases/import', { csv, importValidRows: true }),
    ]);
    for (const r of again) expect(r.body).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect((await stats()).byStatus.open).toBe(before + 2);
  });

  it('the template imports as is; a broken file or header is one error and imports nothing', async () => {
    const template = await client('support').post<ImportReport>('/api/support/cases/import', { csv: IMPORT_TEMPLATE });
    expect(template.body).toMatchObject({ rows: 1, imported: 1, errors: [], outcome: 'imported' });

    for (const csv of ['subject,message\n"a","b"', `${header}\n"unclosed,quote`, header, 'x'.repeat(10)]) {
      const response = await client('support').post<ImportReport>('/api/support/cases/import', {
        csv,
        importValidRows: true,
      });
      expect(response.status).toBe(200);
      expect(response.body.outcome).toBe('has_errors');
      expect(response.body.imported).toBe(0);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    const tooBig = await client('support').post<ErrorBody>('/api/support/cases/import', { csv: '' });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details?.[0]?.field).toBe('body.csv');
  });
});

describe('case types', () => {
  it('the contact forms list active types; an inactive type takes no new case', async () => {
    await client('admin').request('PUT', '/api/admin/case-types/retired', {
      names: { en: 'Retired', es: 'Retirado' },
      slaHours: { low: 1, normal: 1, high: 1, urgent: 1 },
      active: false,
    });
    const types = await new IpClient().get<{ items: { id: string }[] }>('/api/case-types');
    expect(types.status).toBe(200);
    expect(types.body.items.map((t) => t.id)).toEqual(expect.arrayContaining(['general', 'billing']));
    expect(types.body.items.map((t) => t.id)).not.toContain('retired');
    const refused = await client('partner').post<ErrorBody>('/api/cases', {
      subject: 'x',
      message: 'x',
      typeId: 'retired',
      idempotencyKey: key(),
    });
    expect(refused.status).toBe(400);
    const bad = await client('admin').request<ErrorBody>('PUT', '/api/admin/case-types/x', {
      names: { en: 'x', es: 'x' },
      slaHours: { low: 0, normal: 1, high: 1, urgent: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]?.field).toBe('body.slaHours.low');
  });
});
