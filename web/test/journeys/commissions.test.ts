import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

/** The month before the current one, found from the admin's periods (the close refuses open periods). */
let previousMonth = '';
let previousMonthLabel = '';

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function signedIn(login: string): Promise<Page> {
  const page = await signedInPage(browser, appUrl, login);
  contexts.push(page.context());
  return page;
}

/** "2026-10" -> "October 2026", as the pages name a month in English. */
function monthLabel(id: string): string {
  const [year, month] = id.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, 1),
  );
}

describe('commissions journeys', () => {
  let admin: Page;

  it('as admin, calculates the previous month on the periods screen, follows the close and sees its totals', async () => {
    admin = await signedIn(DEMO_ACCOUNTS.admin);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('heading', { name: 'Commission periods' }).waitFor();

    const periods = (await (await admin.request.get(`${appUrl}/api/admin/periods`)).json()) as {
      items: { id: string; kind: string; end: string }[];
    };
    const ended = periods.items
      .filter((p) => p.kind === 'monthly' && Date.parse(p.end) <= Date.now())
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    previousMonth = ended[0]?.id ?? '';
    expect(previousMonth).toMatch(/^\d{4}-\d{2}$/);
    previousMonthLabel = monthLabel(previousMonth);

    const row = admin.locator(`tr[data-period="${previousMonth}"]`);
    await row.waitFor();
    // The current month is still open for orders: it offers no calculation.
    const current = periods.items.find((p) => p.kind === 'monthly' && Date.parse(p.end) > Date.now());
    if (current) {
      await expect
        .poll(() => admin.locator(`tr[data-period="${current.id}"]`).innerText())
        .toContain('Open for orders until');
    }

    await row.getByRole('button', { name: new RegExp(`^(Re-calculate|Calculate) ${previousMonthLabel}$`) }).click();
    // The close's progress shows under the period as the state machine works, and stays once it is done.
    const progress = admin.getByTestId('close-progress').first();
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 30_000 }).toBe('calculated');
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('calculated');
    expect(await row.innerText()).toContain('Preview, not final');
    expect(await admin.getByRole('progressbar', { name: `Close of ${previousMonth}` }).count()).toBe(1);

    await row.getByRole('link', { name: `Preview ${previousMonthLabel}` }).click();
    await admin.getByRole('heading', { name: 'Totals by bonus', exact: true }).waitFor();
    const unilevel = admin.getByTestId('period-totals').locator('[data-bonus="unilevel"] dd');
    expect(await unilevel.innerText()).toMatch(/^\$[1-9][\d,]*\.\d{2}$/);
    expect(await admin.getByText('Payees').count()).toBeGreaterThan(0);
  });

  it('as founder, sees the month as a preview in Commissions, opens it and reads why a line was paid', async () => {
    expect(previousMonth).not.toBe('');
    const founder = await signedIn(DEMO_ACCOUNTS.founder);
    await founder.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commissions' }).click();
    await founder.getByRole('heading', { name: 'Commissions', exact: true }).waitFor();

    const monthly = founder.getByTestId('monthly-periods');
    const row = monthly.getByRole('row').filter({ has: founder.getByRole('link', { name: previousMonthLabel }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Preview, not final');
    expect(await founder.getByText('the amounts can still change').count()).toBeGreaterThan(0);

    await row.getByRole('link', { name: previousMonthLabel }).click();
    await founder.getByRole('heading', { name: `Commissions: ${previousMonthLabel}` }).waitFor();
    await founder.getByTestId('preview-note').waitFor();
    expect(await founder.getByTestId('period-total').innerText()).toMatch(/^\$[1-9]/);

    // Filter to unilevel lines, then open the first line: its rule in words, with the arithmetic.
    await founder.getByRole('combobox', { name: 'Bonus', exact: true }).selectOption('unilevel');
    const lines = founder.getByRole('region', { name: 'Commission lines' });
    await lines.getByRole('button', { name: 'Unilevel' }).first().click();
    const dialog = founder.getByTestId('line-dialog');
    await dialog.getByRole('heading', { name: /^Unilevel: \$/ }).waitFor();
    const explanation = await dialog.getByTestId('line-explanation').innerText();
    expect(explanation).toMatch(/^Unilevel level \d+: order \S+ by .+\. \d+(\.\d+)?% of CV \$[\d,.]+ = \$[\d,.]+\./);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('as admin, drafts a plan with a higher first unilevel level and sees the what-if pay more unilevel', async () => {
    expect(previousMonth).not.toBe('');
    await admin.goto(`${appUrl}/admin/plans`);
    await admin.getByRole('heading', { name: 'Compensation plans' }).waitFor();
    const name = `Richer level one ${Date.now()}`;
    await admin.getByLabel('Plan name').fill(name);
    await admin.getByRole('button', { name: 'Create a draft from the active plan' }).click();
    await admin.getByRole('heading', { name }).waitFor();

    // The form checks the plan with the shared schema before saving: an unreadable rate is named.
    const levelOne = admin.getByLabel('Unilevel level 1 (%)');
    await levelOne.fill('ten');
    await admin.getByRole('button', { name: 'Save draft' }).click();
    await admin.getByText('Enter a percent with up to two decimals').first().waitFor();
    expect(await levelOne.getAttribute('aria-invalid')).toBe('true');

    await levelOne.fill('10');
    await admin.getByRole('button', { name: 'Save draft' }).click();
    await admin.getByText('Draft saved.').waitFor();

    await admin.getByLabel('Period', { exact: true }).selectOption(previousMonth);
    await admin.getByRole('button', { name: 'Run what-if' }).click();
    const unilevel = admin.getByTestId('whatif-totals').locator('tr[data-bonus="unilevel"]');
    await unilevel.waitFor();
    const current = Number(await unilevel.getAttribute('data-current'));
    const draft = Number(await unilevel.getAttribute('data-draft'));
    expect(current).toBeGreaterThan(0);
    expect(draft).toBeGreaterThan(current);
    expect(await unilevel.innerText()).toMatch(/\+\$[\d,.]+/);
    await admin.getByRole('heading', { name: 'The largest changes per partner' }).waitFor();
  });

  it('shows a partner the requirements of the next rank with labelled progress bars', async () => {
    const partner = await signedIn(DEMO_ACCOUNTS.partner);
    await partner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rank' }).click();
    await partner.getByRole('heading', { name: 'Rank advancement' }).waitFor();
    const next = partner.locator('section.rank.next');
    await next.waitFor();
    expect(await next.innerText()).toContain('Next rank');
    const pv = next.getByRole('progressbar', { name: 'Personal volume (PV)' });
    expect(await pv.count()).toBe(1);
    const described = await pv.getAttribute('aria-describedby');
    const text = await partner.locator(`[id="${described}"]`).innerText();
    expect(text).toMatch(/^[\d,]+ of [\d,]+ · (Met|[\d,]+ PV to go)$/);
    await partner.getByRole('heading', { name: 'Your legs' }).waitFor();
  });
});
