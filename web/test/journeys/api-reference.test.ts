import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the API reference', () => {
  it('shows every route from the generated OpenAPI document, finds one, and offers the JSON', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${appUrl}/developers/api`);
    await expect.poll(() => page.getByRole('heading', { name: 'Arbor API reference' }).isVisible()).toBe(true);
    const document = (await (await page.request.get(`${appUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const count = page.getByText(/^\d+ routes$/);
    await expect.poll(() => count.innerText()).toBe(`${operations} routes`);

    await page.getByLabel('Find a route').fill('refund');
    await expect.poll(() => count.innerText()).toMatch(/^\d+ routes?$/);
    const refund = page.getByRole('article').filter({ hasText: '/api/orders/{id}/refunds' });
    await expect.poll(() => refund.isVisible()).toBe(true);
    expect(await refund.innerText()).toMatch(/Who may call it: support, admin/);
    expect(await refund.getByText('idempotencyKey').count()).toBeGreaterThan(0);

    const download = page.getByRole('link', { name: /Download the OpenAPI 3.1 document/ });
    expect(await download.getAttribute('href')).toBe('/api/openapi.json');
    await context.close();
  });
});
