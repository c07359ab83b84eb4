import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let admin: Page;
let partner: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  partner = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.partner);
});

afterAll(async () => {
  await admin?.context().close();
  await partner?.context().close();
  await browser?.close();
});

describe('news', () => {
  it('an admin publishes an article; a partner sees it on the dashboard and the News page, and reads it', async () => {
    const title = `Warehouse moves ${Date.now()}`;
    await admin.goto(`${appUrl}/admin/news`);
    await admin.getByRole('heading', { name: 'News articles', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'New article' }).click();
    await admin.getByRole('heading', { name: 'New article', level: 1 }).waitFor();

    const english = admin.getByRole('group', { name: 'English version' });
    await english.getByLabel('Title').fill(title);
    await english.getByLabel('Text').fill('Orders ship from **Dallas** from Monday.');
    await english.getByRole('button', { name: 'Preview' }).click();
    await expect(english.locator('strong', { hasText: 'Dallas' }).textContent()).resolves.toBe('Dallas');
    await admin.getByRole('button', { name: 'Save' }).click();

    await admin.getByText('Article saved.').waitFor();
    const row = admin.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Live');

    await partner.goto(`${appUrl}/`);
    const card = partner.getByTestId('company-news');
    await card.getByRole('link', { name: title }).waitFor();

    await partner.goto(`${appUrl}/news`);
    await partner.getByRole('heading', { name: 'News', level: 1 }).waitFor();
    await partner.getByRole('link', { name: title }).click();
    await partner.getByRole('heading', { name: title, level: 1 }).waitFor();
    await expect(partner.locator('article strong').first().textContent()).resolves.toBe('Dallas');
  });

  it('an expiry before the publication is refused at the field, and nothing is listed', async () => {
    await admin.goto(`${appUrl}/admin/news/new`);
    const english = admin.getByRole('group', { name: 'English version' });
    await english.getByLabel('Title').fill('Never shown');
    await english.getByLabel('Text').fill('Nothing.');
    await admin.getByLabel('Publish at').fill('2030-05-02T10:00');
    await admin.getByLabel('Expires at').fill('2030-05-01T10:00');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Check the highlighted fields.').waitFor();
    await expect(admin.getByLabel('Expires at').getAttribute('aria-invalid')).resolves.toBe('true');
    await admin.goto(`${appUrl}/admin/news`);
    await admin.getByRole('heading', { name: 'News articles', level: 1 }).waitFor();
    await admin.getByRole('row').nth(1).waitFor();
    await expect(admin.getByRole('row', { name: /Never shown/ }).count()).resolves.toBe(0);
  });
});
