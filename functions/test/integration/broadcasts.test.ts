import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { BroadcastView, EmailTemplate } from '@arbor/shared/comms/model';
import type { Member } from '@arbor/shared/members/model';
import { handler as dueJob } from '../../src/comms/due.js';
import { fanOut } from '../../src/comms/fanout.js';
import { db } from '../../src/lib/aws.js';
import { handler as onSesEvent } from '../../src/email/ses-events.js';
import { getMember } from '../../src/members/repository.js';
import { signedIn, type Client } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import {
  createTestMember as createMember,
  partnerUnder as placeUnder,
  putCompanySettings,
} from '../support/members.js';
import { drainQueue, standIns, streamSettled } from '../support/stand-ins.js';

/**
 * Broadcasts end to end on DynamoDB Local: compose, preview, send, the
 * fan-out (broadcasts queue) and the chunks (email queue) run by the wiring's
 * real consumers, mail read back from the SES stand-in.
 */

let admin: Client;
let sender: Member;
let senderClient: Client;
let level1: Member[];
let level2: Member;
let optedOut: Member;
let bounced: Member;
let customer: Member;
let outsider: Member;
let upline: Member;
let freeText: EmailTemplate;
let fixed: EmailTemplate;

const unique = () => randomUUID().replace(/-/g, '').slice(0, 16);
/**
 * Members with addresses no other test file uses: the SES stand-in is shared by every file, and the
 * default test addresses (test.<id>@example.com) repeat across files' databases.
 */
const address = () => ({ email: `bc-${unique()}@example.com` });
const createTestMember = (overrides: Parameters<typeof createMember>[0] = {}) =>
  createMember({ ...address(), ...overrides });
const partnerUnder = (parent: Member | null, extra: Partial<Member> = {}) =>
  placeUnder(parent, { ...address(), ...extra });
const draft = (extra: Record<string, unknown> = {}) => ({
  templateId: freeText.id,
  subject: 'News for {{firstName}}',
  message: 'Hello {{firstName}}, our {{rank}} call is on Monday. — {{senderName}}',
  audience: { scope: 'placement', levels: '1' },
  ...extra,
});

async function runPipeline() {
  // The fan-out queues chunks on the email queue; chunks may finish in any order.
  for (let round = 0; round < 5; round++) {
    await drainQueue('broadcasts', 30_000);
    await drainQueue('email', 60_000);
    if (standIns().queues.get('broadcasts')!.counts().total === 0) return;
  }
}

async function broadcastOf(client: Client, id: string): Promise<BroadcastView> {
  const response = await client.get<{ broadcast: BroadcastView }>(`/api/broadcasts/${id}`);
  expect(response.status).toBe(200);
  return response.body.broadcast;
}

beforeAll(async () => {
  await putCompanySettings();
  const adminMember = await createTestMember({ role: 'admin' });
  admin = await signedIn(adminMember);
  expect(
    (
      await admin.request('PUT', '/api/admin/mail-settings', {
        postalAddress: '100 Congress Ave, Austin, TX 78701, USA',
        sesRatePerSecond: 200,
        partnerDailyBroadcasts: 50,
      })
    ).status,
  ).toBe(200);
  const content = (body: string) => ({
    en: { subject: 'A word from {{senderName}}', body },
    es: { subject: 'Un mensaje de {{senderName}}', body: body.replace('Hello', 'Hola') },
  });
  const created = await admin.post<{ template: EmailTemplate }>('/api/admin/email-templates', {
    name: 'Free text',
    use: 'both',
    active: true,
    content: content('{{message}}\n\nSee my site: {{siteLink}}'),
  });
  expect(created.status).toBe(201);
  freeText = created.body.template;
  expect(freeText.ownText).toBe(true);
  fixed = (
    await admin.post<{ template: EmailTemplate }>('/api/admin/email-templates', {
      name: 'Monthly promo',
      use: 'partners',
      active: true,
      content: content('Hello {{firstName}}, this month **everything ships free**.'),
    })
  ).body.template;

  upline = await partnerUnder(null);
  sender = await partnerUnder(upline);
  senderClient = await signedIn(sender);
  level1 = [
    await partnerUnder(sender),
    await partnerUnder(sender, { language: 'es', market: 'MX' }),
    await partnerUnder(sender, { status: 'inactive' }),
  ];
  optedOut = await partnerUnder(sender, { emailOptOut: true });
  bounced = await partnerUnder(sender, { emailSuppressed: 'bounce' });
  level2 = await partnerUnder(level1[0]!);
  await partnerUnder(level2); // level 3
  customer = await createTestMember({
    role: 'customer',
    sponsorId: sender.id,
    sponsorPath: [...sender.sponsorPath, sender.id],
  });
  outsider = await partnerUnder(upline);
  await streamSettled(30_000);
});

describe('preview', () => {
  it('counts the recipients and who is excluded, and renders the mail per language', async () => {
    const response = await senderClient.post<{
      counts: { recipients: number; excluded: { optedOut: number; bounced: number; noEmail: number } };
      mails: { language: string; subject: string; html: string; text: string; recipients: number }[];
    }>('/api/broadcasts/preview', draft());
    expect(response.status).toBe(200);
    // Level 1, active only: two partners reachable, one opted out, one bounced (the inactive one is filtered out).
    expect(response.body.counts).toEqual({ recipients: 2, excluded: { optedOut: 1, bounced: 1, noEmail: 0 } });
    const languages = response.body.mails.map((m) => m.language).sort();
    expect(languages).toEqual(['en', 'es']);
    const en = response.body.mails.find((m) => m.language === 'en')!;
    expect(en.subject).toBe(`News for ${level1[0]!.firstName}`);
    expect(en.text).toContain('100 Congress Ave');
    expect(en.html).toContain('Monday');
    // A preview never carries a working unsubscribe link for someone in the team.
    expect(en.html).not.toMatch(/unsubscribe\?m=/);
  });

  it('reaches levels, statuses, the enroller tree with customers, and the sponsor', async () => {
    const count = async (audience: Record<string, unknown>) => {
      const response = await senderClient.post<{ counts: { recipients: number } }>(
        '/api/broadcasts/preview',
        draft({ audience }),
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.counts.recipients;
    };
    expect(await count({ scope: 'placement', levels: '1-3', statuses: ['active', 'inactive'] })).toBe(5);
    expect(await count({ scope: 'placement', levels: '2-' })).toBe(2);
    expect(await count({ scope: 'placement', levels: '1', countries: ['MX'] })).toBe(1);
    expect(await count({ scope: 'enroller', enrollees: 'personal' })).toBe(3); // 2 partners + the customer
    expect(await count({ scope: 'enroller', enrollees: 'all', kinds: ['customer'] })).toBe(1);
    expect(await count({ scope: 'sponsor' })).toBe(1);
  });
});

describe('sending', () => {
  it('sends each recipient one mail, in its language, with a one-click unsubscribe, and reports the outcome', async () => {
    const response = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ extraRecipient: `extra-${unique()}@example.com` }),
      idempotencyKey: unique(),
    });
    expect(response.status).toBe(202);
    // Due now: it answers under way (the fan-out is asked to start), not scheduled.
    expect(response.body.broadcast).toMatchObject({ status: 'resolving', startedAt: expect.any(String) });
    await runPipeline();

    const broadcast = await broadcastOf(senderClient, response.body.broadcast.id);
    expect(broadcast.status).toBe('sent');
    expect(broadcast.counts).toMatchObject({
      recipients: 3,
      excluded: { optedOut: 1, bounced: 1, noEmail: 0 },
      queued: 3,
      sent: 3,
      suppressed: 0,
    });
    const english = await mailTo(level1[0]!.email);
    expect(english.at(-1)!.subject).toBe(`News for ${level1[0]!.firstName}`);
    const spanish = await mailTo(level1[1]!.email);
    expect(spanish.at(-1)!.subject).toBe(`News for ${level1[1]!.firstName}`);
    expect(spanish.at(-1)!.body.text).toContain('Recibes este correo');
    expect(await mailTo(optedOut.email)).toHaveLength(0);
    expect(await mailTo(bounced.email)).toHaveLength(0);
    expect(await mailTo(level2.email)).toHaveLength(0);
    expect(await mailTo(outsider.email)).toHaveLength(0);
    const headers = Object.fromEntries((english.at(-1)!.headers ?? []).map((h) => [h.name, h.value]));
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/unsubscribe\?m=\d+&t=[\w-]+>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('makes one broadcast of ten identical sends at once, and one mail per recipient', async () => {
    const body = {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    };
    const before = (await mailTo(level1[0]!.email)).length;
    const responses = await Promise.all(Array.from({ length: 10 }, () => senderClient.post('/api/broadcasts', body)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(new Set(responses.map((r) => (r.body as { broadcast: BroadcastView }).broadcast.id)).size).toBe(1);
    await runPipeline();
    expect(await mailTo(level1[0]!.email)).toHaveLength(before + 1);
    // The same key with another request is refused, not answered with the first broadcast.
    const reused = await senderClient.post('/api/broadcasts', { ...body, audience: { scope: 'sponsor' } });
    expect(reused.status).toBe(409);
  });

  it('schedules a broadcast for later; the per-minute job starts it when its time comes, and a scheduled one can be canceled', async () => {
    const sendAt = new Date(Date.now() + 3_000).toISOString();
    const scheduled = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ audience: { scope: 'sponsor' }, sendAt }),
      idempotencyKey: unique(),
    });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body.broadcast.status).toBe('scheduled');
    await runPipeline();
    expect((await broadcastOf(senderClient, scheduled.body.broadcast.id)).status).toBe('scheduled');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(sendAt) - Date.now() + 50));
    expect(await dueJob({ scheduledTime: new Date().toISOString() })).toMatchObject({ kicked: expect.any(Number) });
    await runPipeline();
    expect((await broadcastOf(senderClient, scheduled.body.broadcast.id)).status).toBe('sent');
    expect(await mailTo(upline.email)).toHaveLength(1);

    const later = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ sendAt: new Date(Date.now() + 86_400_000).toISOString() }),
      idempotencyKey: unique(),
    });
    const canceled = await senderClient.post<{ broadcast: BroadcastView }>(
      `/api/broadcasts/${later.body.broadcast.id}/cancel`,
    );
    expect(canceled.status).toBe(200);
    expect(canceled.body.broadcast.status).toBe('canceled');
    const again = await senderClient.post(`/api/broadcasts/${later.body.broadcast.id}/cancel`);
    expect(again.status).toBe(200);
  });

  it('stops a partner at the daily limit, queueing nothing', async () => {
    const settings = { postalAddress: '100 Congress Ave, Austin, TX 78701, USA', sesRatePerSecond: 200 };
    await admin.request('PUT', '/api/admin/mail-settings', { ...settings, partnerDailyBroadcasts: 4 });
    onTestFinished(async () => {
      await admin.request('PUT', '/api/admin/mail-settings', { ...settings, partnerDailyBroadcasts: 50 });
    });
    const limited = await partnerUnder(sender);
    await partnerUnder(limited);
    await streamSettled();
    const client = await signedIn(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await client.post('/api/broadcasts', { ...draft(), idempotencyKey: unique() })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    const list = await client.get<{ items: BroadcastView[] }>('/api/broadcasts');
    expect(list.body.items).toHaveLength(4);
  });
});

describe('crashes', () => {
  it('replays a fan-out killed between queueing a page and moving on: one mail per member, a report that adds up', async () => {
    const leader = await partnerUnder(sender);
    const team = [];
    for (let i = 0; i < 7; i++) team.push(await partnerUnder(leader));
    await streamSettled();
    const client = await signedIn(leader);
    const sent = await client.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    });
    const id = sent.body.broadcast.id;

    // The worker dies right after queueing the second page's chunks, before saving that it moved on.
    let moves = 0;
    const kill = 'killFanOutAfterQueueing';
    db().middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { UpdateExpression?: string };
        if (input.UpdateExpression?.startsWith('SET fanout = :to') && ++moves === 2) throw new Error('killed');
        return next(args);
      },
      { step: 'initialize', name: kill },
    );
    try {
      await expect(fanOut(id, false, undefined, 3)).rejects.toThrow('killed');
    } finally {
      db().middlewareStack.remove(kill);
    }
    // Taken over (the per-minute job's kick, or the message back after its visibility timeout).
    await fanOut(id, true);
    await runPipeline();

    for (const member of team) expect(await mailTo(member.email)).toHaveLength(1);
    const broadcast = await broadcastOf(client, id);
    expect(broadcast.status).toBe('sent');
    expect(broadcast.counts).toMatchObject({ recipients: 7, queued: 7, sent: 7, suppressed: 0 });
  });

  it('counts a chunk delivered twice once, and mails its members once', async () => {
    const leader = await partnerUnder(sender);
    const team = [await partnerUnder(leader), await partnerUnder(leader)];
    await streamSettled();
    const client = await signedIn(leader);
    const sent = await client.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    });
    await drainQueue('broadcasts', 30_000);
    // SQS delivers at least once: put a copy of every chunk back on the queue before the consumer runs.
    const queue = standIns().queues.get('email')!;
    const copies = queue.receive(100, 1).map((message) => queue.toRecord(message).body);
    for (const body of [...copies, ...copies]) await queue.send(body);
    await drainQueue('email', 60_000);
    for (const member of team) expect(await mailTo(member.email)).toHaveLength(1);
    expect((await broadcastOf(client, sent.body.broadcast.id)).counts).toMatchObject({ queued: 2, sent: 2 });
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an empty subject', { subject: '' }, 'body.subject'],
    ['an over-long message', { message: 'x'.repeat(10_001) }, 'body.message'],
    ['a level range that does not parse', { audience: { scope: 'placement', levels: '3-1' } }, 'body.audience.levels'],
    ['a level range of words', { audience: { scope: 'placement', levels: 'all of them' } }, 'body.audience.levels'],
    ['a send time in the past', { sendAt: '2020-01-01T00:00:00Z' }, 'body.sendAt'],
    ['an unknown merge field', { message: 'Hi {{password}}' }, 'body.message'],
    ['the company as a partner audience', { audience: { scope: 'company' } }, 'body.audience.scope'],
    [
      'customers in the placement tree',
      { audience: { scope: 'placement', kinds: ['customer'] } },
      'body.audience.kinds',
    ],
    ['an unknown template', { templateId: 'tpl_000000000000' }, 'body.templateId'],
    ['own text on a fixed template', { templateId: 'FIXED' }, 'body.message'],
    ['a malformed extra recipient', { extraRecipient: 'not-an-address' }, 'body.extraRecipient'],
  ];
  it.each(cases)('%s is a 400 naming the field', async (_, change, field) => {
    const client = await signedIn(await partnerUnder(sender));
    const body = { ...draft(change), idempotencyKey: unique() };
    if (body.templateId === 'FIXED') body.templateId = fixed.id;
    for (const path of ['/api/broadcasts/preview', '/api/broadcasts']) {
      const response = await client.post<{ error: { details: { field: string }[] } }>(path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.details.map((d) => d.field)).toContain(field);
    }
    expect((await client.get<{ items: unknown[] }>('/api/broadcasts')).body.items).toHaveLength(0);
  });

  it('refuses a template with an unknown merge field, naming the language and part', async () => {
    const response = await admin.post<{ error: { details: { field: string }[] } }>('/api/admin/email-templates', {
      name: 'Bad',
      use: 'partners',
      active: true,
      content: { en: { subject: 'Hi', body: 'Hi {{firstName}}' }, es: { subject: 'Hola', body: 'Hola {{nombre}}' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.field)).toEqual(['body.content.es.body']);
  });
});

describe('who may see and do what', () => {
  it('shows a broadcast to its sender and staff only', async () => {
    const sent = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ sendAt: new Date(Date.now() + 3_600_000).toISOString() }),
      idempotencyKey: unique(),
    });
    const id = sent.body.broadcast.id;
    const other = await signedIn(level1[0]!);
    expect((await other.get(`/api/broadcasts/${id}`)).status).toBe(404);
    expect((await other.post(`/api/broadcasts/${id}/cancel`)).status).toBe(404);
    expect((await other.get(`/api/broadcasts?sender=${sender.id}`)).status).toBe(400);
    const support = await signedIn(await createTestMember({ role: 'support' }));
    expect((await support.get(`/api/broadcasts/${id}`)).status).toBe(200);
    expect((await support.get(`/api/broadcasts?sender=${sender.id}`)).status).toBe(200);
    expect((await support.post('/api/broadcasts', { ...draft(), idempotencyKey: unique() })).status).toBe(403);
    const customerClient = await signedIn(customer);
    expect((await customerClient.post('/api/broadcasts/preview', draft())).status).toBe(403);
    expect((await senderClient.get('/api/broadcasts/not-an-id')).status).toBe(400);
  });
});

describe('opting out', () => {
  it('opts a member out with the signed link of its mail; later broadcasts skip it', async () => {
    const member = await partnerUnder(sender, { firstName: 'Olga' });
    await streamSettled();
    const first = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    });
    expect(first.status).toBe(202);
    await runPipeline();
    const [mail] = await mailTo(member.email);
    const link = Object.fromEntries((mail!.headers ?? []).map((h) => [h.name, h.value]))['List-Unsubscribe']!;
    const path = new URL(link.slice(1, -1)).pathname + new URL(link.slice(1, -1)).search;

    const anyone = new (senderClient.constructor as new () => Client)();
    expect((await anyone.get<{ firstName: string }>(path)).body).toEqual({ firstName: 'Olga', optedOut: false });
    const forged = path.replace(/t=[\w-]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await anyone.post(forged)).status).toBe(404);
    const otherMember = path.replace(/m=\d+/, `m=${level1[0]!.id}`);
    expect((await anyone.post(otherMember)).status).toBe(404);
    // One-click: what a mail client sends.
    const oneClick = await anyone.request('POST', path, undefined, {
      rawBody: 'List-Unsubscribe=One-Click',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(oneClick.status).toBe(200);
    expect((await getMember(member.id))?.emailOptOut).toBe(true);
    await streamSettled();

    await senderClient.post('/api/broadcasts', {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    });
    await runPipeline();
    expect(await mailTo(member.email)).toHaveLength(1);
  });

  it('lets support see and change the opt-out, with a reason in the member log', async () => {
    const member = await partnerUnder(sender, { emailOptOut: true, emailSuppressed: 'bounce' });
    const support = await signedIn(await createTestMember({ role: 'support' }));
    const seen = await support.get<{
      member: { emailOptOut: boolean; emailSuppressed: string | null; version: number };
    }>(`/api/members/${member.id}`);
    expect(seen.body.member).toMatchObject({ emailOptOut: true, emailSuppressed: 'bounce' });
    const changed = await support.request('PATCH', `/api/members/${member.id}`, {
      emailOptOut: false,
      reason: 'Asked on the phone to get team emails again',
      version: seen.body.member.version,
    });
    expect(changed.status).toBe(200);
    expect((await getMember(member.id))?.emailOptOut).toBe(false);
    const log = await support.get<{ items: { actorId: string; reason?: string }[] }>(`/api/members/${member.id}/log`);
    expect(log.body.items[0]).toMatchObject({ reason: 'Asked on the phone to get team emails again' });
    // An upline sees neither the preference nor the suppression: they are in the private part only.
    const upline = await senderClient.get<{ member: Record<string, unknown> }>(`/api/members/${member.id}`);
    expect(upline.body.member).not.toHaveProperty('emailOptOut');
    expect(upline.body.member).not.toHaveProperty('emailSuppressed');
  });

  it('counts a bounce SES reports for a broadcast mail on that broadcast', async () => {
    const member = await partnerUnder(sender);
    await streamSettled();
    const sent = await senderClient.post<{ broadcast: BroadcastView }>('/api/broadcasts', {
      ...draft({ templateId: fixed.id, subject: undefined, message: undefined }),
      idempotencyKey: unique(),
    });
    await runPipeline();
    await onSesEvent({
      Records: [
        {
          Sns: {
            MessageId: unique(),
            Message: JSON.stringify({
              eventType: 'Bounce',
              bounce: {
                bounceType: 'Permanent',
                bounceSubType: 'General',
                bouncedRecipients: [{ emailAddress: member.email }],
                timestamp: new Date().toISOString(),
              },
              mail: { messageId: unique(), tags: { broadcast: [sent.body.broadcast.id] } },
            }),
          },
        },
      ],
    } as never);
    expect((await broadcastOf(senderClient, sent.body.broadcast.id)).counts.bounced).toBe(1);
  });
});

describe('announcements', () => {
  it('go to the company, narrowed by market, through the same pipeline', async () => {
    const mx = await createTestMember({ market: 'MX', language: 'es' });
    await streamSettled();
    const body = {
      templateId: freeText.id,
      subject: 'Aviso',
      message: 'Nuevos precios en {{companyName}}.',
      audience: { scope: 'company', countries: ['MX'] },
    };
    const preview = await admin.post<{ counts: { recipients: number } }>('/api/admin/announcements/preview', body);
    expect(preview.status).toBe(200);
    expect(preview.body.counts.recipients).toBeGreaterThanOrEqual(2);
    const sent = await admin.post<{ broadcast: BroadcastView }>('/api/admin/announcements', {
      ...body,
      idempotencyKey: unique(),
    });
    expect(sent.status).toBe(202);
    await runPipeline();
    const [mail] = await mailTo(mx.email);
    expect(mail!.body.text).toContain('Nuevos precios en Test Company.');
    expect(mail!.body.text).toContain('como miembro de Test Company');
    const list = await admin.get<{ items: BroadcastView[] }>('/api/admin/announcements');
    expect(list.body.items[0]).toMatchObject({ id: sent.body.broadcast.id, type: 'announcement', status: 'sent' });
    expect((await senderClient.post('/api/admin/announcements', { ...body, idempotencyKey: unique() })).status).toBe(
      403,
    );
  });
});
