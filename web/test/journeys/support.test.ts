import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
/** The smallest valid PNG: one transparent pixel. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let browser: Browser;
let admin: Page;
/** Two partners of this run's own, so moving one touches no seeded team. */
let upline = '';
let moving = '';

/** The API as the signed-in page sees it (same cookies). */
async function apiCall<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const response = await admin.request.fetch(`${appUrl}/api${path}`, { method, data });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function enrollPartner(sponsorId: string, lastName: string): Promise<string> {
  const body = sampleEnrollment({ sponsorId, lastName });
  return (await apiCall<{ member: { id: string } }>('POST', '/enrollments', body)).member.id;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  // The founder's ID, as the founder itself sees it.
  const founder = await browser.newContext();
  await founder.request.post(`${appUrl}/api/auth/sign-in`, {
    data: { login: DEMO_ACCOUNTS.founder, password: DEMO_PASSWORD },
  });
  const rootId = ((await (await founder.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } })
    .member.id;
  await founder.close();
  upline = await enrollPartner(rootId, 'Upline');
  moving = await enrollPartner(rootId, 'Mover');
});

afterAll(async () => {
  await admin?.context().close();
  await browser?.close();
});

describe('support journeys', () => {
  it('moves a partner in the placement tree with a reason, and the member log shows who and why', async () => {
    await admin.goto(`${appUrl}/organization/member/${moving}`);
    const panel = admin.getByRole('region', { name: 'Support' });
    await panel.waitFor();
    const move = panel.getByRole('form', { name: 'Move in the placement tree' });

    // No reason: the form says so and nothing moves.
    await move.getByRole('combobox', { name: 'New placement parent' }).fill(upline);
    await admin.getByRole('option', { name: new RegExp(upline) }).click();
    await move.getByRole('button', { name: 'Move member' }).click();
    await move.getByText('Say why, in a few words, for the member log.').waitFor();

    await move.getByLabel('Reason (for the member log)').fill('Ticket 5120: wrong leg at enrollment');
    await move.getByRole('button', { name: 'Move member' }).click();
    await move
      .getByRole('status')
      .filter({ hasText: `Moved under ${upline}` })
      .waitFor();

    // The page shows the new parent, and the log the move with the agent and the reason.
    await admin.getByRole('link', { name: upline, exact: true }).first().waitFor();
    const log = panel.getByRole('table', { name: 'Member log' });
    const row = log.getByRole('row').filter({ hasText: 'Moved in the placement tree' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Ticket 5120');
    const me = await apiCall<{ member: { id: string } }>('GET', '/auth/me');
    expect(await row.getByRole('link').textContent()).toBe(me.member.id);
    const saved = await apiCall<{ member: { placementId: string } }>('GET', `/members/${moving}`);
    expect(saved.member.placementId).toBe(upline);
  });

  it('changes the status with a reason, and shows the sign-in history only on request (and logs the look)', async () => {
    const panel = admin.getByRole('region', { name: 'Support' });
    const status = panel.getByRole('form', { name: 'Status' });
    await status.getByLabel('New status').selectOption('inactive');
    await status.getByLabel('Reason (for the member log)').fill('Asked to pause the business for a while');
    await status.getByRole('button', { name: 'Change status' }).click();
    await status.getByRole('status').filter({ hasText: 'Status changed to Inactive.' }).waitFor();
    await admin.getByRole('article').getByText('Inactive').waitFor();
    await panel.getByRole('row').filter({ hasText: 'Active → Inactive' }).waitFor();

    await panel.getByRole('button', { name: 'Show sign-in history' }).click();
    await panel.getByRole('columnheader', { name: 'IP address' }).waitFor();
    // This member never signed in (support enrolled it): the table says so once loaded.
    await panel.getByRole('cell', { name: 'Nothing here yet.' }).waitFor();
    await admin.reload();
    await admin
      .getByRole('region', { name: 'Support' })
      .getByRole('row')
      .filter({ hasText: 'Support viewed the sign-in history' })
      .waitFor();
  });

  it('sets up a smart order for the member on the phone: its card and the order, both in the member log', async () => {
    await admin.goto(`${appUrl}/organization/member/${moving}`);
    await admin
      .getByRole('navigation', { name: 'Help this member' })
      .getByRole('link', { name: 'Smart order' })
      .click();
    await admin.getByText(`Managing Sam Mover (ID ${moving})`).waitFor();
    await admin.getByText('This member has no smart order yet.').waitFor();
    await admin.getByRole('link', { name: 'New smart order' }).first().click();
    await admin.getByRole('heading', { name: 'New smart order', level: 1 }).waitFor();
    await admin.getByLabel('Quantity of Magnesium Calm').fill('1');

    // The member has no card yet: support adds one, and it is chosen.
    await admin.getByRole('button', { name: 'Add a card' }).click();
    await admin.getByLabel('Card number').fill('4242 4242 4242 4242');
    await admin.getByLabel('Expiry month').selectOption('12');
    await admin.getByLabel('Expiry year').selectOption(String(new Date().getFullYear() + 2));
    await admin.getByLabel('Security code').fill('123');
    await admin.getByRole('button', { name: 'Save the card' }).click();
    expect(await admin.getByRole('radio', { name: /•••• 4242/ }).isChecked()).toBe(true);
    // Support using the member's saved card says why, for the member's log.
    await admin.getByLabel(/^Reason \(kept in the member/).fill('Member on the phone asked for it');
    await admin.getByRole('button', { name: 'Create smart order' }).click();

    await admin.waitForURL(new RegExp(`/smart-order\\?member=${moving}&saved=created`));
    await admin.getByText('The smart order is created.').waitFor();
    const theirs = await apiCall<{ items: { status: string; items: { sku: string }[] }[] }>(
      'GET',
      `/members/${moving}/autoships`,
    );
    expect(theirs.items.map((a) => a.status)).toEqual(['active']);
    const mine = await apiCall<{ items: unknown[] }>('GET', '/members/me/autoships');
    expect(mine.items).toEqual([]);

    await admin.goto(`${appUrl}/organization/member/${moving}`);
    const log = admin.getByRole('region', { name: 'Support' }).getByRole('table', { name: 'Member log' });
    await log.getByRole('row').filter({ hasText: 'Smart order created by support' }).waitFor();
    await log.getByRole('row').filter({ hasText: 'Card added by support' }).waitFor();
  });

  it('adds an uploaded image to a product, makes it the main one, and the shop serves it', async () => {
    await admin.goto(`${appUrl}/admin/catalog/TEA-DETOX`);
    const images = admin.getByRole('group', { name: 'Images' });
    await images.waitFor();
    const before = await images.getByRole('img').count();
    await images.getByLabel('Upload an image').setInputFiles({
      name: 'tea.png',
      mimeType: 'image/png',
      buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
    });
    const added = images.getByRole('img', { name: `Image ${before + 1}` });
    await added.waitFor();
    if (before > 0) await images.getByRole('button', { name: 'Make main' }).last().click();
    await images.getByText('Main', { exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Save product' }).click();
    await admin.waitForURL(/\/admin\/catalog\?saved=TEA-DETOX/);

    const shop = await apiCall<{ product: { images: string[] } }>('GET', '/products/TEA-DETOX');
    expect(shop.product.images).toHaveLength(before + 1);
    const served = await admin.request.get(shop.product.images[0]!);
    expect(served.status()).toBe(200);
    expect((await served.body()).subarray(1, 4).toString()).toBe('PNG');
  });
});
