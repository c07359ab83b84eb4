import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { verifySignature } from '@arbor/shared/integrations/signature';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let admin: Page;

/** A webhook receiver on this machine (the local runtime may deliver to 127.0.0.1); it answers 200. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiver: Server;
let receiverUrl = '';

/** A server-to-server call with an API key, as another system makes it (no cookies, no browser). */
const withKey = (key: string, method: string, path: string, body?: unknown) =>
  fetch(`${appUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function until(condition: () => boolean, what: string) {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/arbor`;
  browser = await launchBrowser();
  admin = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
});

afterAll(async () => {
  await admin?.context().close();
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('Admin → Integrations', () => {
  it('makes an API key shown once, a webhook that receives a signed paid order, replays it, and revokes the key', async () => {
    await admin.goto(`${appUrl}/admin/integrations`);
    await admin.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();

    // An API key for orders, shown once.
    await admin.getByRole('button', { name: 'Create API key' }).click();
    const keyDialog = admin.getByRole('dialog', { name: 'Create an API key' });
    await keyDialog.getByRole('button', { name: 'Create API key' }).click();
    await keyDialog.getByText('Choose at least one scope.').waitFor();
    await keyDialog.getByLabel('Name', { exact: true }).fill('Warehouse sync');
    await keyDialog.getByLabel(/Read orders/).check();
    await keyDialog.getByLabel(/Place orders for members/).check();
    await keyDialog.getByRole('button', { name: 'Create API key' }).click();
    const shown = admin.getByRole('dialog', { name: 'Your new API key' });
    const key = await shown.getByTestId('secret-value').inputValue();
    expect(key).toMatch(/^arb_live_[0-9a-f]{12}/);
    await shown.getByRole('button', { name: 'Done, I copied it' }).click();
    const row = admin.getByTestId('api-keys').getByRole('row', { name: /Warehouse sync/ });
    await expect.poll(() => row.textContent()).toContain(key.slice(0, 21));
    expect(await admin.getByTestId('api-keys').textContent()).not.toContain(key);
    expect((await withKey(key, 'GET', '/orders?limit=1')).status).toBe(200);

    // A webhook endpoint for paid orders, its secret shown once.
    await admin.getByRole('button', { name: 'Add endpoint' }).click();
    const hookDialog = admin.getByRole('dialog', { name: 'Add a webhook endpoint' });
    await hookDialog.getByLabel('URL', { exact: true }).fill(receiverUrl);
    await hookDialog.getByLabel(/Order paid/).check();
    await hookDialog.getByRole('button', { name: 'Add endpoint' }).click();
    const secretDialog = admin.getByRole('dialog', { name: 'The endpoint’s signing secret' });
    const secret = await secretDialog.getByTestId('secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Done, I copied it' }).click();

    // The key places an order for the demo customer; the endpoint receives it, signed.
    const customer = await browser.newContext();
    await customer.request.post(`${appUrl}/api/auth/sign-in`, {
      data: { login: DEMO_ACCOUNTS.customer, password: DEMO_PASSWORD },
    });
    const me = (await (await customer.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } };
    await customer.close();
    const placed = await withKey(key, 'POST', '/orders', {
      memberId: me.member.id,
      items: [{ sku: 'VIT-DAILY', quantity: 1 }],
      shippingAddress: { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
      payment: { card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123', holder: 'Warehouse' } },
      idempotencyKey: randomUUID(),
    });
    expect(placed.status).toBe(201);
    const order = ((await placed.json()) as { order: { id: string } }).order;
    const ofOrder = () => received.filter((r) => r.body.includes(`"orderId":"${order.id}"`));
    await until(() => ofOrder().length === 1, 'the paid order’s delivery');
    const delivery = ofOrder()[0]!;
    expect(await verifySignature(secret, String(delivery.headers['arbor-signature']), delivery.body)).toBe(true);
    const eventId = String(delivery.headers['arbor-event-id']);

    // Its delivery is on the endpoint's page; replay sends it again.
    await admin.getByTestId('webhooks').getByRole('link', { name: receiverUrl }).click();
    const deliveryRow = admin.getByTestId('deliveries').locator(`tr[data-event="${eventId}"]`);
    await expect.poll(() => deliveryRow.textContent()).toContain('Delivered');
    expect(await deliveryRow.textContent()).toContain('HTTP 200');
    await deliveryRow.getByRole('button', { name: `Replay ${eventId}` }).click();
    await admin.getByText('Queued again.').waitFor();
    await until(() => ofOrder().length === 2, 'the replay');
    expect(ofOrder()[1]!.body).toBe(delivery.body);

    // Revoked, the key stops working at once.
    await admin.getByRole('link', { name: /All integrations/ }).click();
    await admin.getByRole('button', { name: 'Revoke Warehouse sync' }).click();
    await admin
      .getByRole('dialog', { name: 'Revoke “Warehouse sync”?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await withKey(key, 'GET', '/orders?limit=1')).status).toBe(401);
  });
});
