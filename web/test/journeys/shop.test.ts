import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { launchBrowser } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
/** The demo customer, signed in once for the journeys (its cart lives in this context's localStorage). */
let customer: BrowserContext;
let page: Page;

interface OrderRow {
  id: string;
  status: string;
}
interface AutoshipRow {
  id: string;
  status: string;
  nextRunDate: string;
}

beforeAll(async () => {
  browser = await launchBrowser();
  customer = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  page = await customer.newPage();
  await page.addInitScript(() => localStorage.setItem('arbor.locale', 'en'));
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Username, email or member ID').fill(DEMO_ACCOUNTS.customer);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('member-header').waitFor();
});

afterAll(async () => {
  await customer?.close();
  await browser?.close();
});

/** The API as the signed-in page sees it (same cookies). */
async function apiGet<T>(path: string): Promise<T> {
  const response = await page.request.get(`${appUrl}/api${path}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

const myOrders = async () => (await apiGet<{ items: OrderRow[] }>('/orders?limit=200')).items;
const myAutoships = async () => (await apiGet<{ items: AutoshipRow[] }>('/members/me/autoships')).items;

/** "2026-12-10" as the page shows a long date in English. */
const longDate = (day: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(day));

async function addToCart(name: string) {
  await page.getByRole('button', { name: `Add to cart: ${name}` }).click();
  await page.getByText(`Added 1 × ${name} to the cart.`).first().waitFor();
}

/** From the cart to a checkout whose server quote has arrived (the Place order button shows the total). */
async function openCheckout() {
  await page.getByRole('navigation', { name: 'Shop sections' }).getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  await page.getByRole('button', { name: /^Place order · \$/ }).waitFor();
}

async function payWithNewCard(number: string) {
  await page.getByRole('radio', { name: 'A new card' }).check();
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Name on the card').fill('Demo Customer');
  await page.getByLabel('Expiry month').selectOption('12');
  await page.getByLabel('Expiry year').selectOption(String(new Date().getFullYear() + 2));
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Save this card for later').uncheck();
}

describe('shop journeys', () => {
  it('buys two products with a new card, finds the paid order and its invoice PDF', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
    await page.getByRole('heading', { name: 'All products' }).waitFor();
    await addToCart('Daily Multivitamin');
    await addToCart('Omega-3 Fish Oil');

    await openCheckout();
    const lines = page.getByRole('complementary', { name: 'Your order' });
    await lines.getByText('Daily Multivitamin').waitFor();
    await lines.getByText('Omega-3 Fish Oil').waitFor();
    await payWithNewCard('4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Place order · \$/ }).click();

    await page.waitForURL(/\/cart\/placed\/\d+$/);
    const orderId = (await page.getByTestId('order-number').innerText()).trim();
    expect(orderId).toMatch(/^\d+$/);
    await page.getByRole('heading', { name: 'Thank you, the order is placed' }).waitFor();
    // The cart is empty after the order.
    expect(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('arbor.cart.')))).toBe(true);
    expect(
      await page.evaluate(() =>
        Object.entries(localStorage)
          .filter(([k]) => k.startsWith('arbor.cart.'))
          .every(([, v]) => (JSON.parse(v) as { items: unknown[] }).items.length === 0),
      ),
    ).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await page.locator('table[aria-busy="false"]').first().waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: orderId, exact: true }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Paid');
    await page.getByRole('link', { name: 'Paid', exact: true }).click();
    await page.locator('table[aria-busy="false"]').first().waitFor();
    await page.getByRole('link', { name: orderId, exact: true }).waitFor();

    await page.getByRole('link', { name: orderId, exact: true }).click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await page.getByRole('cell', { name: /Daily Multivitamin/ }).waitFor();
    await page.getByText('Visa •••• 4242').first().waitFor();

    const href = await page.getByTestId('invoice-pdf').getAttribute('href');
    expect(href).toBe(`/api/orders/${orderId}/invoice.pdf`);
    const pdf = await page.request.get(`${appUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows the decline and creates no order when the card is declined', async () => {
    const before = await myOrders();
    await page.goto(`${appUrl}/shop`);
    await page.getByRole('heading', { name: 'All products' }).waitFor();
    await addToCart('Vitamin C Serum');
    await openCheckout();
    await payWithNewCard('4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Place order · \$/ }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The card was declined by the bank.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Nothing was ordered or charged.');
    expect(page.url()).toContain('/cart/checkout');
    // Focus moves to the message, so it is read out.
    expect(await page.evaluate(() => document.activeElement?.closest('.payment')?.textContent ?? '')).toContain(
      'declined',
    );

    const after = await myOrders();
    expect(after.map((o) => o.id)).toEqual(before.map((o) => o.id));
    await page.goto(`${appUrl}/orders`);
    await page.locator('table[aria-busy="false"]').first().waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('cell', { name: 'Declined', exact: true }).count()).toBe(0);
  });

  it('sets up a smart order with a saved card, skips its next run and pauses it', async () => {
    const before = new Set((await myAutoships()).map((a) => a.id));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Smart order' }).click();
    await page.getByRole('heading', { name: 'Smart order', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New smart order' }).first().click();
    await page.getByRole('heading', { name: 'New smart order', level: 1 }).waitFor();

    // Only products allowed on smart orders are offered: the starter kit is not.
    await page.getByLabel('Quantity of Magnesium Calm').waitFor();
    expect(await page.getByLabel('Quantity of Starter Kit').count()).toBe(0);
    await page.getByLabel('Quantity of Magnesium Calm').fill('2');
    await page.getByLabel('Quantity of Herbal Cleanse Tea').fill('1');
    await page.getByLabel('Day of the month').selectOption('10');
    // The saved card is chosen already.
    expect(await page.getByRole('radio', { name: /•••• 4242/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create smart order' }).click();

    await page.waitForURL(/\/smart-order\?saved=created/);
    await page.getByText('The smart order is created.').waitFor();
    let created: AutoshipRow | undefined;
    await expect
      .poll(async () => {
        created = (await myAutoships()).find((a) => !before.has(a.id));
        return Boolean(created);
      })
      .toBe(true);
    expect(created!.nextRunDate).toMatch(/-10$/);

    const card = page.getByRole('article').filter({ has: page.locator(`a[href="/smart-order/${created!.id}"]`) });
    expect(await card.getByTestId('next-run').innerText()).toBe(longDate(created!.nextRunDate));

    await card.getByRole('button', { name: 'Skip next run' }).click();
    await page.getByText('The next run is skipped').waitFor();
    const skipped = (await myAutoships()).find((a) => a.id === created!.id)!;
    const [y, m] = created!.nextRunDate.split('-').map(Number) as [number, number];
    const expected = m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;
    expect(skipped.nextRunDate).toBe(expected);
    expect(await card.getByTestId('next-run').innerText()).toBe(longDate(expected));

    await card.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('The smart order is paused.').waitFor();
    await card.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await card.getByRole('button', { name: 'Skip next run' }).count()).toBe(0);
    expect((await myAutoships()).find((a) => a.id === created!.id)!.status).toBe('paused');
  });
});
