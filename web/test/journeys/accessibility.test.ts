import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
const pages: Page[] = [];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical WCAG 2.1 A/AA problems axe finds on a page, one line each. */
async function problemsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(`${appUrl}${path}`);
  await page.getByRole('main').waitFor();
  // Let the page load its data: no "Loading…" left (or give up after a few seconds and check what is there).
  await page
    .getByRole('status')
    .filter({ hasText: /Loading/ })
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.addScriptTag({ content: await axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${path}: ${v.id} (${v.help}) at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

beforeAll(async () => {
  browser = await launchBrowser();
  // An email template for partners and staff, so the team email and announcement pages show their composer.
  const admin = await browser.newContext();
  await admin.request.post(`${appUrl}/api/auth/sign-in`, {
    data: { login: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
  });
  const made = await admin.request.post(`${appUrl}/api/admin/email-templates`, {
    data: {
      name: 'Accessibility check',
      use: 'both',
      active: true,
      content: {
        en: { subject: 'News', body: 'Hi {{firstName}},\n\n{{message}}' },
        es: { subject: 'Noticias', body: 'Hola {{firstName}},\n\n{{message}}' },
      },
    },
  });
  expect(made.status()).toBe(201);
  await admin.close();
});

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await browser?.close();
});

/** Signs in as `login` and checks each page in turn; every problem found, one line each. */
async function problemsFor(login: string, paths: readonly string[]): Promise<string[]> {
  const page = await signedInPage(browser, appUrl, login);
  pages.push(page);
  const problems: string[] = [];
  for (const path of paths) problems.push(...(await problemsOn(page, path)));
  return problems;
}

describe('accessibility', () => {
  it('has no serious WCAG problems on the partner’s pages', async () => {
    const partnerPages = [
      '/',
      '/organization/tree',
      '/organization/team',
      '/organization/customers',
      '/commissions',
      '/rank',
      '/volumes',
      '/shop',
      '/shop/quick',
      '/cart',
      '/orders',
      '/smart-order',
      '/payment-methods',
      '/account',
      '/enroll',
      '/news',
      '/news/notes',
      '/team-email',
    ];
    expect(await problemsFor(DEMO_ACCOUNTS.partner, partnerPages)).toEqual([]);
  });

  it('has no serious WCAG problems on the admin’s pages', async () => {
    const adminPages = [
      '/admin/periods',
      '/admin/plans',
      '/admin/catalog',
      '/admin/catalog/TEA-DETOX',
      '/admin/integrations',
      '/admin/news',
      '/admin/news/new',
      '/admin/email-templates',
      '/admin/announcements',
      '/admin/email-settings',
      '/unsubscribe',
      '/orders?status=paid',
      '/smart-order',
      '/payment-methods',
      '/organization/member/me',
      '/developers/api',
      // The support console's search, with results on it.
      '/support?q=smith',
    ];
    expect(await problemsFor(DEMO_ACCOUNTS.admin, adminPages)).toEqual([]);
  });
});
