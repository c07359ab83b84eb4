import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@arbor/shared/members/model';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { seedShop } from '../../src/demo/seed.js';
import { UPLOADS } from '../../src/lib/uploads.js';
import { Client } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings, TEST_PASSWORD } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type Upload = { url: string; fields: Record<string, string>; key: string };
type MemberBody = { member: { version: number; avatarUrl?: string } };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

/** Presigns at `path`, then POSTs `bytes` straight to S3 as the browser would, declaring `contentType`. */
async function upload(client: Client, path: string, body: Record<string, unknown>, bytes: Uint8Array) {
  const presigned = await client.post<Upload>(path, body);
  expect(presigned.status).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.body.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: String(body.contentType) }), 'file');
  const stored = await fetch(presigned.body.url, { method: 'POST', body: form });
  return { key: presigned.body.key, stored: stored.status };
}

let member: Member, admin: Member;
let client: Client, adminClient: Client;

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  member = await partnerUnder(null, { siteName: `uploads-${Date.now()}` });
  admin = await createTestMember({ role: 'admin' });
  client = new Client();
  await client.signIn(member.username, TEST_PASSWORD);
  adminClient = new Client();
  await adminClient.signIn(admin.username, TEST_PASSWORD);
});

async function setAvatar(key: string) {
  const version = (await client.get<MemberBody>('/api/members/me')).body.member.version;
  return client.request<MemberBody & ErrorBody>('PATCH', '/api/members/me', { version, avatarKey: key });
}

describe('uploads are checked by their bytes and size before anything points at them', () => {
  it('an HTML file uploaded as image/png does not become an avatar; a real PNG does', async () => {
    const html = await upload(client, '/api/members/me/uploads', { kind: 'avatar', contentType: 'image/png' }, HTML);
    expect(html.stored).toBeLessThan(300);
    const refused = await setAvatar(html.key);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ field: 'body.avatarKey', rule: 'wrong_content' });
    expect((await client.get<MemberBody>('/api/members/me')).body.member.avatarUrl ?? null).toBeNull();

    const png = await upload(client, '/api/members/me/uploads', { kind: 'avatar', contentType: 'image/png' }, PNG);
    const saved = await setAvatar(png.key);
    expect(saved.status).toBe(200);
    expect(saved.body.member.avatarUrl).toEqual(expect.any(String));
  });

  it('the POST policy limits the size and type S3 takes', async () => {
    const presigned = await client.post<Upload>('/api/members/me/uploads', {
      kind: 'avatar',
      contentType: 'image/png',
    });
    const policy = JSON.parse(Buffer.from(presigned.body.fields.Policy!, 'base64').toString()) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, UPLOADS.avatar.maxBytes]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/png']);
  });

  it('a file over the size limit is refused before use, even if the store took it', async () => {
    const big = new Uint8Array(UPLOADS.avatar.maxBytes + 1);
    big.set(PNG);
    const { key, stored } = await upload(
      client,
      '/api/members/me/uploads',
      { kind: 'avatar', contentType: 'image/png' },
      big,
    );
    // Real S3 refuses it by the POST policy (content-length-range); the local stand-in may take it.
    if (stored < 300) {
      const refused = await setAvatar(key);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0]).toMatchObject({ field: 'body.avatarKey', rule: 'too_large' });
    }
  });

  it('a product image must be an image', async () => {
    const sku = `UP-${Date.now().toString(36).toUpperCase()}`;
    const product = (images: string[]) => ({
      sku,
      name: { en: 'Upload Test', es: 'Prueba de subida' },
      description: { en: 'x', es: 'x' },
      categories: ['personal-care'],
      qualities: [],
      images,
      markets: { US: { price: { amount: 1000, currency: 'USD' }, pv: 5, cv: 800 } },
      active: true,
      autoshipEligible: false,
      weightGrams: 100,
    });
    const html = await upload(
      adminClient,
      '/api/admin/uploads',
      { kind: 'productImage', contentType: 'image/webp' },
      HTML,
    );
    const refused = await adminClient.post<ErrorBody>('/api/admin/products', product([html.key]));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ field: 'body.images.0', rule: 'wrong_content' });
    // A PNG declared as WebP is still an image of an allowed type.
    const png = await upload(
      adminClient,
      '/api/admin/uploads',
      { kind: 'productImage', contentType: 'image/webp' },
      PNG,
    );
    expect((await adminClient.post('/api/admin/products', product([png.key]))).status).toBe(201);
  });

  it('an identity document must be a PDF or an image, at public join too', async () => {
    const path = `/api/join/${member.siteName}/uploads`;
    const html = await upload(new Client(), path, { contentType: 'application/pdf' }, HTML);
    const body = sampleEnrollment({ kind: 'customer', firstName: 'Doc', lastName: 'Check', dateOfBirth: undefined });
    const refused = await new Client().post<ErrorBody>(`/api/join/${member.siteName}`, {
      ...body,
      documentKeys: [html.key],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ field: 'body.documentKeys.0', rule: 'wrong_content' });
    const pdf = await upload(new Client(), path, { contentType: 'application/pdf' }, Buffer.from('%PDF-1.7\n%âãÏÓ\n'));
    const joined = await new Client().post(`/api/join/${member.siteName}`, { ...body, documentKeys: [pdf.key] });
    expect(joined.status).toBe(201);
  });
});
