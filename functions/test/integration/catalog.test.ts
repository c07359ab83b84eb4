import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@arbor/shared/catalog/product';
import type { Member } from '@arbor/shared/members/model';
import { seedShop } from '../../src/demo/seed.js';
import type { Client } from '../support/api.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string; rule?: string }[] } };
type AdminProduct = Product & { imageUrls: string[] };
type Upload = { url: string; fields: Record<string, string>; key: string };

let admin: Member, partner: Member;
const sku = `IMG-${Date.now().toString(36).toUpperCase()}`;

const productBody = (images: string[]) => ({
  sku,
  name: { en: 'Sea Salt Scrub', es: 'Exfoliante de sal marina' },
  description: { en: 'A gentle scrub.', es: 'Un exfoliante suave.' },
  categories: ['personal-care'],
  qualities: [],
  images,
  markets: { US: { price: { amount: 2400, currency: 'USD' }, pv: 18, cv: 1900 } },
  active: true,
  autoshipEligible: true,
  weightGrams: 300,
});

/** Uploads a tiny PNG the way the admin page does: presign, then POST straight to S3. */
async function uploadImage(client: Client): Promise<string> {
  const upload = await client.post<Upload>('/api/admin/uploads', { kind: 'productImage', contentType: 'image/png' });
  expect(upload.status).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.body.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'scrub.png');
  expect((await fetch(upload.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return upload.body.key;
}

beforeAll(async () => {
  await putCompanySettings();
  await seedShop();
  admin = await createTestMember({ role: 'admin' });
  partner = await partnerUnder(null);
});

describe('catalog images', () => {
  it('creates a product with an uploaded image and an https one; both show in the admin list and the shop', async () => {
    const client = await signedIn(admin);
    const key = await uploadImage(client);
    const created = await client.post<{ product: Product }>(
      '/api/admin/products',
      productBody([key, 'https://images.example.com/scrub-side.jpg']),
    );
    expect(created.status).toBe(201);
    expect(created.body.product.images).toEqual([key, 'https://images.example.com/scrub-side.jpg']);

    const listed = (await client.get<{ items: AdminProduct[] }>('/api/admin/products')).body.items.find(
      (p) => p.sku === sku,
    );
    expect(listed?.imageUrls[1]).toBe('https://images.example.com/scrub-side.jpg');
    expect((await fetch(listed!.imageUrls[0]!)).status).toBe(200);

    const shop = await (await signedIn(partner)).get<{ product: { images: string[] } }>(`/api/products/${sku}`);
    expect(shop.body.product.images).toHaveLength(2);
    expect((await fetch(shop.body.product.images[0]!)).status).toBe(200);
  });

  it('reorders and removes images; refuses a key nobody uploaded, or text that is no image, and keeps the product', async () => {
    const client = await signedIn(admin);
    const before = (await client.get<{ items: AdminProduct[] }>('/api/admin/products')).body.items.find(
      (p) => p.sku === sku,
    )!;
    const reordered = await client.request<{ product: Product }>('PUT', `/api/admin/products/${sku}`, {
      ...productBody([before.images[1]!]),
      version: before.version,
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.product.images).toEqual(['https://images.example.com/scrub-side.jpg']);

    const ghost = await client.request<ErrorBody>('PUT', `/api/admin/products/${sku}`, {
      ...productBody(['products/catalog/00000000-0000-4000-8000-000000000000']),
      version: reordered.body.product.version,
    });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.details[0]).toMatchObject({ field: 'body.images.0', rule: 'invalid_upload' });

    const text = await client.request<ErrorBody>('PUT', `/api/admin/products/${sku}`, {
      ...productBody(['javascript:alert(1)']),
      version: reordered.body.product.version,
    });
    expect(text.status).toBe(400);
    expect(text.body.error.details[0]?.field).toBe('body.images.0');

    const after = (await client.get<{ items: AdminProduct[] }>('/api/admin/products')).body.items.find(
      (p) => p.sku === sku,
    );
    expect(after?.version).toBe(reordered.body.product.version);
  });

  it('keeps catalog uploads to admins', async () => {
    const client = await signedIn(partner);
    expect((await client.post('/api/admin/uploads', { kind: 'productImage', contentType: 'image/png' })).status).toBe(
      403,
    );
    const adminClient = await signedIn(admin);
    expect(
      (await adminClient.post<ErrorBody>('/api/admin/uploads', { kind: 'productImage', contentType: 'image/svg+xml' }))
        .status,
    ).toBe(422);
  });
});
