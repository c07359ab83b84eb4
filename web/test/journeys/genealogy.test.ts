import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { launchBrowser } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
/** One signed-in demo partner for the journeys that build on each other (enroll, then place, then report). */
let partner: BrowserContext;
let page: Page;

// Names unique to this run, in letters only (the team search matches names, not digits).
const tag = Date.now()
  .toString(26)
  .split('')
  .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
  .join('');
const recruit = { first: 'Quinn', last: `Tester${tag}` };
const recruitName = `${recruit.first} ${recruit.last}`;
let recruitId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  partner = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await partner.newPage();
  await page.addInitScript(() => localStorage.setItem('arbor.locale', 'en'));
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Username, email or member ID').fill(DEMO_ACCOUNTS.partner);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('member-header').waitFor();
});

afterAll(async () => {
  await partner?.close();
  await browser?.close();
});

/** Waits until a server-mode table has finished loading its page. */
async function tableSettled(p: Page) {
  await p.locator('table[aria-busy="false"]').first().waitFor();
}

/** Rows of the Team report whose name cell matches, after a fresh search (the index updates asynchronously). */
async function teamRowsNamed(p: Page, name: string, level?: number) {
  await p.goto(`${appUrl}/organization/team`);
  await tableSettled(p);
  if (level) {
    await p.getByRole('combobox', { name: 'Level', exact: true }).selectOption(String(level));
    await tableSettled(p);
  }
  await p.getByLabel('Search').fill(name);
  await p.waitForTimeout(400);
  await tableSettled(p);
  return p.getByRole('row').filter({ has: p.getByRole('link', { name }) });
}

async function fillAddress(form: Page, city: string) {
  await form.getByLabel('Street and number').fill('742 Evergreen Terrace');
  await form.getByLabel('City').fill(city);
  await form.getByLabel('State or region').fill('TX');
  await form.getByLabel('Postal code').fill('73301');
}

describe('organization journeys', () => {
  it('enrolls a new partner through the quick form and finds it in the Team report', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enroll' }).click();
    await page.getByRole('heading', { name: 'Enroll a new member' }).waitFor();

    // Submitting empty shows the shared schema's errors next to the fields, and moves focus to the first.
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.getByText('fields need your attention').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');

    await page.getByRole('radio', { name: /^Partner/ }).check();
    await page.getByLabel('First name').fill(recruit.first);
    await page.getByLabel('Last name').fill(recruit.last);
    await page.getByLabel('Date of birth').fill('1990-04-12');
    await page.getByLabel('Document number').fill(`DL-${tag}`);
    await page.getByLabel('Email', { exact: true }).fill(`quinn.${tag}@example.com`);
    await page.getByLabel('Phone', { exact: true }).fill('+1 555 0100');
    await fillAddress(page, 'Austin');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('I accept the terms').check();
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();

    await page.getByRole('heading', { name: `${recruitName} is enrolled` }).waitFor();
    recruitId = (await page.getByTestId('new-member-id').innerText()).trim();
    expect(recruitId).toMatch(/^\d+$/);
    expect((await page.getByTestId('new-member-username').innerText()).trim()).toMatch(/^quinn\.tester/);

    // The downline index is written by the table's stream, a moment after the enrollment.
    await expect
      .poll(async () => (await teamRowsNamed(page, recruitName)).count(), { timeout: 20_000, interval: 1_000 })
      .toBe(1);
    const row = await teamRowsNamed(page, recruitName);
    expect(await row.getByRole('cell').nth(2).innerText()).toBe('1'); // level 1: it waits under its sponsor
  });

  it('places the new partner under a downline member and shows it there in the tree and the Team report', async () => {
    expect(recruitId).not.toBe('');
    // A first-level partner of the demo partner, other than the recruit, becomes the new parent.
    const children = (await (
      await page.request.get(`${appUrl}/api/genealogy/placement/children/me?limit=50`)
    ).json()) as {
      items: { id: string; name: string; kind: string; status: string; childCount: number }[];
    };
    const candidates = children.items.filter(
      (c) => c.id !== recruitId && c.kind === 'partner' && c.status !== 'canceled',
    );
    const parent = candidates.find((c) => c.childCount > 0 && c.childCount < 45) ?? candidates[0];
    expect(parent).toBeDefined();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page
      .getByRole('navigation', { name: 'Organization sections' })
      .getByRole('link', { name: 'Placement' })
      .click();
    const card = page.locator(`[data-member-id="${recruitId}"]`);
    await card.waitFor();
    await card.getByText(/days left/).waitFor();
    await card.getByRole('button', { name: `Place ${recruitName}` }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'New parent' }).fill(parent!.id);
    await dialog.getByRole('option', { name: new RegExp(parent!.name) }).click();
    await dialog.getByText(`Place ${recruitName} under ${parent!.name} (${parent!.id})?`).waitFor();
    await dialog.getByRole('button', { name: 'Confirm placement' }).click();

    await page.getByText(`${recruitName} is now under ${parent!.name}.`).waitFor();
    await page.getByText('The team reports show the change.').waitFor({ timeout: 15_000 });

    // The tree with the new parent at the top shows the recruit among its children.
    await page.getByRole('link', { name: 'See it in the tree' }).click();
    await page.waitForURL(new RegExp(`top=${parent!.id}`));
    await page.locator(`[data-node-id="${recruitId}"]`).waitFor();
    await page.getByRole('navigation', { name: 'Path from you' }).getByRole('link', { name: 'You' }).waitFor();

    // The Team report, filtered to level 2, has it too.
    const row = await teamRowsNamed(page, recruitName, 2);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByRole('cell').nth(2).innerText()).toBe('2');
  });

  it('filters the Team report by level, sorts a column and downloads the CSV', async () => {
    await page.goto(`${appUrl}/organization/team`);
    await tableSettled(page);
    await page.getByRole('combobox', { name: 'Level', exact: true }).selectOption('2');
    await tableSettled(page);
    const levels = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['2']));

    const idHeader = page.getByRole('columnheader', { name: 'ID', exact: true });
    await idHeader.getByRole('button').click();
    await tableSettled(page);
    expect(await idHeader.getAttribute('aria-sort')).toBe('ascending');
    const ids = (await page.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await idHeader.getByRole('button').click();
    await tableSettled(page);
    expect(await idHeader.getAttribute('aria-sort')).toBe('descending');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^unilevel-team-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['Name', 'ID', 'Level', 'Paid rank']);
    expect(lines.length).toBeGreaterThanOrEqual(levels.length);
    const rows = lines.map((line) => line.split(','));
    expect(new Set(rows.map((cells) => cells[2]))).toEqual(new Set(['2']));
    // Every page was fetched and the whole file sorted by ID, descending, as the table asked.
    const exported = rows.map((cells) => Number(cells[1]));
    expect(exported).toEqual([...exported].sort((a, b) => b - a));
    expect(csv).toContain(recruitName);
    // PV and GV stay empty until commissions exist: empty cells, not zeros.
    expect(rows[0]?.[5]).toBe('');

    // Joined sorts the whole team on the server (not only the page shown): the table asks for that order.
    await page.goto(`${appUrl}/organization/team`);
    await tableSettled(page);
    const joinedHeader = page.getByRole('columnheader', { name: 'Joined', exact: true });
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/team/unilevel') && r.url().includes('sort=joined')),
      joinedHeader.getByRole('button').click(),
    ]);
    expect(new URL(request.url()).searchParams.get('dir')).toBe('desc'); // dates: newest first on the first click
    await tableSettled(page);
    expect(await joinedHeader.getAttribute('aria-sort')).toBe('descending');
    const newest = (await (
      await page.request.get(`${appUrl}/api/team/unilevel?sort=joined&dir=desc&limit=25`)
    ).json()) as { items: { id: string }[] };
    expect(await page.locator('tbody tr td:nth-child(2)').allInnerTexts()).toEqual(newest.items.map((r) => r.id));
  });

  it('enrolls a customer through the public join page, with a document upload, and lands on the dashboard', async () => {
    const visitor = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const join = await visitor.newPage();
    await join.addInitScript(() => localStorage.setItem('arbor.locale', 'en'));

    await join.goto(`${appUrl}/join/no-such-site-${tag}`);
    await join.getByRole('heading', { name: 'We could not find this page' }).waitFor();

    await join.goto(`${appUrl}/join/demo-partner`);
    await join.getByText('You were invited by').waitFor();
    await join.getByRole('heading', { name: /^Join / }).waitFor();
    expect(await join.getByRole('radio', { name: /^Customer/ }).isChecked()).toBe(true);
    await join.getByText('Extended').click();

    // A document goes straight to S3 with the presigned POST, with its own progress and state.
    await join.getByLabel('Photos or scans of the identity document').setInputFiles({
      name: 'id-card.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await join.getByRole('list', { name: 'Uploaded documents' }).getByText('Uploaded', { exact: true }).waitFor();

    await join.getByLabel('First name').fill('Robin');
    await join.getByLabel('Last name').fill(`Joiner${tag}`);
    await join.getByLabel('Document number').fill(`ID-${tag}`);
    await join.getByLabel('Email', { exact: true }).fill(`robin.${tag}@example.com`);
    await join.getByLabel('Phone', { exact: true }).fill('+1 555 0101');
    await fillAddress(join, 'Dallas');
    await join.getByLabel('Password', { exact: true }).fill('another long password');
    await join.getByLabel('I accept the terms').check();
    await join.getByRole('button', { name: 'Create my account' }).click();

    await join.waitForURL(/\/\?welcome=1$/);
    const header = join.getByTestId('member-header');
    await header.waitFor();
    expect(await header.innerText()).toContain(`Robin Joiner${tag}`);
    await join.getByText('Your account is ready').waitFor();
    // A customer's portal has no organization, enrollment, team email or commissions (it reads the news and asks for help).
    await join.getByRole('button', { name: 'Menu' }).click();
    expect(await join.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual([
      'Dashboard',
      'Shop',
      'Orders',
      'Smart order',
      'News',
      'Help',
      'Account',
    ]);
    // No page-level horizontal scrolling at phone width.
    expect(await join.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await visitor.close();
  });
});
