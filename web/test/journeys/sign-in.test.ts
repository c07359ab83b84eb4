import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { launchBrowser } from '../browser.js';

const appUrl = inject('appUrl');
const mailUrl = inject('mailUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 800 } });
  return context.newPage();
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto(`${appUrl}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Username, email or member ID').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('portal journey', () => {
  it('signs in, shows the shell with name, ID and rank, switches to Spanish, and signs out', async () => {
    const page = await newPage();
    await signIn(page, DEMO_ACCOUNTS.partner, DEMO_PASSWORD);
    const header = page.getByTestId('member-header');
    await expect.poll(() => header.isVisible()).toBe(true);
    const headerText = await header.innerText();
    expect(headerText).toMatch(/ID \d+/);
    expect(headerText).toContain('Partner');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Dashboard',
      'Shop',
      'Orders',
      'Smart order',
      'Organization',
      'Team email',
      'Commissions',
      'Rank',
      'Volumes',
      'Enroll',
      'News',
      'Notes to my team',
      'Help',
      'Account',
    ]);

    await nav.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Sign-in history' }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Signed in' }).count()).toBeGreaterThan(0);

    await page.getByLabel('Language').first().selectOption('es');
    await page.getByRole('heading', { name: 'Historial de inicios de sesión' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    // The default plan's rank name is translated; the shop's navigation label comes from the shell's words.
    expect(await header.innerText()).toContain('Socio');
    const navEs = page.getByRole('navigation', { name: 'Principal' });
    expect(await navEs.getByRole('link').allInnerTexts()).toContain('Tienda');
    await page.getByLabel('Idioma').first().selectOption('en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?reason=signed-out/);
    await page.getByText('You are signed out.').waitFor();
    // The session is gone: the portal sends us back to sign in.
    await page.goto(`${appUrl}/account`);
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  });

  it('shows a clear error for a wrong password and stays on the sign-in page', async () => {
    const page = await newPage();
    await signIn(page, DEMO_ACCOUNTS.partner, 'definitely not it');
    await page.getByRole('alert').getByText('The sign-in name or password is incorrect.').waitFor();
    expect(page.url()).toContain('/sign-in');
    await page.context().close();
  });

  it('resets a forgotten password from the emailed link', async () => {
    // The journeys share one stack: this one owns the support account, which no other signs in with.
    const account = DEMO_ACCOUNTS.support;
    const page = await newPage();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const email = page.getByLabel('Email');
    await email.fill(`${account}@example.com`);
    await expect.poll(() => email.inputValue()).toBe(`${account}@example.com`);
    await page.getByRole('button', { name: 'Send the link' }).click();
    // The answer is either the confirmation or an alert; say which, so a failure names its cause.
    const answer = page.getByRole('status').or(page.getByRole('alert')).first();
    await answer.waitFor();
    expect(await answer.innerText()).toContain('a reset link is on its way');

    let link: string | undefined;
    await expect
      .poll(
        async () => {
          const store = (await (await fetch(`${mailUrl}/store`)).json()) as {
            emails: { destination: { to: string[] }; body: { text?: string } }[];
          };
          const mail = store.emails.find((e) => e.destination.to.includes(`${account}@example.com`));
          link = /(http\S+reset-password\?token=\S+)/.exec(mail?.body.text ?? '')?.[1];
          return Boolean(link);
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    await page.goto(link!.replace(/^http:\/\/localhost:\d+/, appUrl));
    await page.getByLabel('New password', { exact: true }).fill('a fresh support password');
    await page.getByLabel('Repeat the new password').fill('a fresh support password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/reason=reset/);
    await page.getByLabel('Username, email or member ID').fill(account);
    await page.getByLabel('Password', { exact: true }).fill('a fresh support password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('member-header').waitFor();
    await page.context().close();
  });
});
