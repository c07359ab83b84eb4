import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
const run = Date.now().toString(36).toUpperCase();
const sku = `SVC-${run}`;
const code = `tech-${run.toLowerCase()}`;
const serviceName = `Back office ${run}`;
let browser: Browser;
let admin: Page;
let agent: Page;
let partner: Page;
let partnerId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  agent = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  partner = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.partner);
  partnerId = ((await (await partner.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } }).member
    .id;
  // The tier's renewal product: a catalog product of this run's own.
  const product = await admin.request.post(`${appUrl}/api/admin/products`, {
    data: {
      sku,
      name: { en: serviceName, es: serviceName },
      description: { en: '', es: '' },
      categories: [],
      qualities: [],
      images: [],
      markets: { US: { price: { amount: 1999, currency: 'USD' }, pv: 0, cv: 0 } },
      active: true,
      autoshipEligible: true,
      weightGrams: 0,
    },
  });
  expect(product.ok()).toBe(true);
});

afterAll(async () => {
  for (const page of [admin, agent, partner]) await page?.context().close();
  await browser?.close();
});

describe('services and reward points', () => {
  it('an admin defines a service, support activates it and adds points, the partner sees both, renews and may pay with its points', async () => {
    await admin.goto(`${appUrl}/admin/services`);
    await admin.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'New service' }).click();
    await admin.getByLabel('Code', { exact: true }).fill(code);
    const form = admin.locator('form').first();
    await form.getByLabel('Name (English)').first().fill(serviceName);
    await form.getByLabel('Name (Spanish)').first().fill(serviceName);
    const tier = admin.getByRole('group', { name: 'Tier 1' });
    await tier.getByLabel('Tier code').fill('basic');
    await tier.getByLabel('Name (English)').fill('Basic');
    await tier.getByLabel('Name (Spanish)').fill('Básico');
    await tier.getByLabel('Renewal product SKU').fill(sku);
    await admin.getByRole('button', { name: 'Save service' }).click();
    await admin.getByText('Service saved.').waitFor();
    await admin.getByText(serviceName).waitFor();

    await agent.goto(`${appUrl}/support/members/${partnerId}?tab=services`);
    const actions = agent.getByRole('group', { name: 'Act on a service' });
    await actions.getByLabel('Service', { exact: true }).selectOption(code);
    await actions.getByLabel('Action', { exact: true }).selectOption('activate');
    await actions.getByLabel('Reason (goes into the member’s log)').fill('Signed up on the phone');
    await actions.getByRole('button', { name: 'Apply' }).click();
    await agent.getByText(`Done: ${serviceName} is Active.`).waitFor();
    await agent.getByRole('row', { name: new RegExp(serviceName) }).waitFor();

    await agent.goto(`${appUrl}/support/members/${partnerId}?tab=points`);
    const adjust = agent.getByRole('group', { name: 'Adjust points' });
    await adjust.getByLabel('Points (a negative number takes points)').fill('500');
    await adjust.getByLabel('Reason (goes into the member’s log)').fill('Goodwill for the late delivery');
    await adjust.getByRole('button', { name: 'Adjust' }).click();
    await agent.getByText(/Balance now \d+ points\./).waitFor();
    await agent.getByRole('cell', { name: 'Goodwill for the late delivery' }).waitFor();

    await partner.goto(`${appUrl}/account/services`);
    await partner.getByRole('heading', { name: 'Services and reward points', level: 1 }).waitFor();
    const row = partner.getByRole('row', { name: new RegExp(serviceName) });
    await expect.poll(() => row.textContent()).toContain('Active');
    await partner.getByRole('cell', { name: 'Goodwill for the late delivery' }).waitFor();
    await row.getByRole('button', { name: `Renew ${serviceName}` }).click();
    await partner.getByText(`${serviceName} is in your cart.`).waitFor();
    await partner.getByRole('link', { name: 'Go to the cart' }).click();
    await partner.getByText(serviceName).first().waitFor();

    // At checkout the partner may pay with its points: the summary shows what they pay.
    await partner.getByRole('link', { name: 'Checkout' }).click();
    const use = partner.getByLabel(/Use my \d+ points/);
    await use.check();
    await partner.getByText(/\d+ points pay \$\d+\.\d\d of this order\./).waitFor();
  });
});
