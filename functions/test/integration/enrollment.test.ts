import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { keys } from '@arbor/shared/keys';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { decryptField } from '../../src/lib/field-crypto.js';
import { Client, signedIn } from '../support/api.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { drainQueue, streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string; rule?: string }[] } };
type Created = { member: { id: string; username: string; kind: string } };

let seq = 0;
function enrollment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return sampleEnrollment({ firstName: 'Ana', lastName: 'Gómez', language: 'es', ...overrides });
}

async function itemCount() {
  const result = await db().send(new ScanCommand({ TableName: env.tableName(), Select: 'COUNT' }));
  return result.Count ?? 0;
}

beforeAll(async () => {
  await putCompanySettings();
});

describe('enrollment by a signed-in partner', () => {
  it('enrolls a partner under the caller, placed under it, with a welcome email and an index entry', async () => {
    const sponsor = await partnerUnder(null);
    const client = await signedIn(sponsor);
    const body = enrollment({ username: `ana.${seq + 1}` });
    const response = await client.post<Created>('/api/enrollments', body);
    expect(response.status).toBe(201);
    const id = response.body.member.id;

    const me = await client.get<{ member: Record<string, unknown> }>(`/api/members/${id}`);
    expect(me.body.member).toMatchObject({
      kind: 'partner',
      level: 'partner',
      status: 'active',
      sponsorId: sponsor.id,
      placementId: sponsor.id,
      username: body.username,
    });
    expect(Date.parse(me.body.member.placementWindowEndsAt as string) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // Uplines do not see personal documents.
    expect(me.body.member).not.toHaveProperty('document');

    await streamSettled();
    const entry = await db().send(
      new GetCommand({ TableName: env.tableName(), Key: keys.downline(sponsor.id, 1, id) }),
    );
    expect(entry.Item).toMatchObject({ memberId: id, level: 1 });

    // The new member can sign in with the password it chose.
    await new Client().signIn(body.username as string, body.password as string);
    await drainQueue('email');
    expect((await mailTo(body.email as string)).map((m) => m.subject)).toEqual(['Bienvenido a Arbor']);
  });

  it('encrypts the identity document and tax id at rest and shows only the last 4', async () => {
    const sponsor = await partnerUnder(null);
    const client = await signedIn(sponsor);
    const response = await client.post<Created>(
      '/api/enrollments',
      enrollment({ kind: 'customer', taxId: '123-45-6789' }),
    );
    expect(response.status).toBe(201);
    const id = response.body.member.id;
    const stored = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(id) }));
    const raw = JSON.stringify(stored.Item);
    expect(raw).not.toContain('A1234-5678');
    expect(raw).not.toContain('123-45-6789');
    expect(stored.Item?.taxId.last4).toBe('6789');
    expect(await decryptField(stored.Item!.taxId, { memberId: id, field: 'taxId' })).toBe('123-45-6789');
    // Bound to its member: the same ciphertext on another record does not decrypt.
    await expect(decryptField(stored.Item!.taxId, { memberId: '1', field: 'taxId' })).rejects.toThrow();

    const member = new Client();
    await member.signIn(id, 'a long enough password');
    const own = await member.get<{ member: { taxId: string; document: { number: string } } }>('/api/members/me');
    expect(own.body.member.taxId).toBe('••••6789');
    expect(own.body.member.document.number).toBe('••••5678');
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const sponsor = await partnerUnder(null);
    const customer = await createTestMember({ role: 'customer', sponsorId: sponsor.id, sponsorPath: [sponsor.id] });
    const canceled = await partnerUnder(sponsor, { status: 'canceled' });
    const admin = await createTestMember({ role: 'admin' });
    const taken = await partnerUnder(sponsor);
    const client = await signedIn(sponsor);
    const staff = await signedIn(admin);
    await streamSettled();
    const before = await itemCount();

    const cases: [Client, Record<string, unknown>, number, string][] = [
      [client, enrollment({ email: 'not-an-email' }), 400, 'body.email'],
      [client, enrollment({ phone: 'call me' }), 400, 'body.phone'],
      [client, enrollment({ dateOfBirth: '1990-02-30' }), 400, 'body.dateOfBirth'],
      [client, enrollment({ dateOfBirth: '2015-01-01' }), 422, 'body.dateOfBirth'],
      [client, enrollment({ acceptTerms: false }), 400, 'body.acceptTerms'],
      [client, enrollment({ market: 'ZZ' }), 422, 'body.market'],
      [client, enrollment({ level: 'customer' }), 422, 'body.level'],
      [client, enrollment({ username: '12345' }), 400, 'body.username'],
      [client, enrollment({ username: taken.username }), 409, 'body.username'],
      [client, enrollment({ email: taken.email }), 409, 'body.email'],
      [staff, enrollment({ sponsorId: '99999999' }), 422, 'body.sponsorId'],
      [staff, enrollment({ sponsorId: customer.id }), 422, 'body.sponsorId'],
      [staff, enrollment({ sponsorId: canceled.id }), 422, 'body.sponsorId'],
    ];
    for (const [who, body, status, field] of cases) {
      const response = await who.post<ErrorBody>('/api/enrollments', body);
      expect({ field, status: response.status }).toEqual({ field, status });
      expect(response.body.error.details.map((d) => d.field)).toContain(field);
    }
    await streamSettled();
    expect(await itemCount()).toBe(before);
  });

  it('lets a partner enroll only under itself; customers cannot enroll at all', async () => {
    const sponsor = await partnerUnder(null);
    const other = await partnerUnder(null);
    const client = await signedIn(sponsor);
    expect((await client.post('/api/enrollments', enrollment({ sponsorId: other.id }))).status).toBe(403);
    const customer = await createTestMember({ role: 'customer', sponsorId: sponsor.id, sponsorPath: [sponsor.id] });
    expect((await (await signedIn(customer)).post('/api/enrollments', enrollment())).status).toBe(403);
  });
});

describe('public enrollment through a personal site', () => {
  it('shows the sponsor, enrolls a customer under it, and signs the new member in', async () => {
    const sponsor = await partnerUnder(null, { siteName: `site-${Date.now()}` });
    const visitor = new Client();
    const info = await visitor.get<{ sponsor: { displayName: string } }>(`/api/join/${sponsor.siteName}`);
    expect(info.status).toBe(200);
    expect(info.body.sponsor.displayName).toBe(sponsor.displayName);
    expect(JSON.stringify(info.body)).not.toContain(sponsor.email);

    const joined = await visitor.post<{ member: { id: string; role: string } }>(
      `/api/join/${sponsor.siteName}`,
      enrollment({ kind: 'customer', dateOfBirth: undefined }),
    );
    expect(joined.status).toBe(201);
    expect(joined.body.member.role).toBe('customer');
    const me = await visitor.get<{ member: { id: string } }>('/api/auth/me');
    expect(me.body.member.id).toBe(joined.body.member.id);
    const log = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(joined.body.member.id), ':log': keys.memberLogPrefix },
      }),
    );
    expect(log.Items?.[0]).toMatchObject({ action: 'member.enrolled', actorId: 'public' });
    expect((await visitor.get('/api/join/no-such-site')).status).toBe(404);
  });

  it('takes identity documents uploaded beforehand with a presigned POST', async () => {
    const sponsor = await partnerUnder(null, { siteName: `docs-${Date.now()}` });
    const visitor = new Client();
    const upload = await visitor.post<{ url: string; fields: Record<string, string>; key: string }>(
      `/api/join/${sponsor.siteName}/uploads`,
      { contentType: 'application/pdf' },
    );
    expect(upload.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.body.fields)) form.append(name, value);
    form.append('file', new Blob(['%PDF-1.4 test'], { type: 'application/pdf' }), 'id.pdf');
    const stored = await fetch(upload.body.url, { method: 'POST', body: form });
    expect(stored.status).toBeLessThan(300);

    const joined = await visitor.post<{ member: { id: string } }>(
      `/api/join/${sponsor.siteName}`,
      enrollment({ documentKeys: [upload.body.key] }),
    );
    expect(joined.body).toMatchObject({ member: {} });
    expect(joined.status).toBe(201);
    const bogus = await new Client().post<ErrorBody>(
      `/api/join/${sponsor.siteName}`,
      enrollment({ documentKeys: ['documents/pending/does-not-exist'] }),
    );
    expect(bogus.status).toBe(422);
    expect(bogus.body.error.details[0]?.field).toBe('body.documentKeys.0');
  });
});
