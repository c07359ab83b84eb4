import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let agent: Page;
let memberId = '';
// A name of this run's own, with an accent the search ignores.
const lastName = `Búsqueda${Date.now().toString(36)}`;
const folded = lastName
  .normalize('NFD')
  .replace(/\p{M}+/gu, '')
  .toLowerCase();

beforeAll(async () => {
  browser = await launchBrowser();
  agent = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  const me = (await (await agent.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } };
  const founder = await browser.newContext();
  await founder.request.post(`${appUrl}/api/auth/sign-in`, {
    data: { login: DEMO_ACCOUNTS.founder, password: 'Arbor-demo-2026' },
  });
  const rootId = ((await (await founder.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } })
    .member.id;
  await founder.close();
  expect(me.member.id).not.toBe(rootId);
  const enrolled = await agent.request.post(`${appUrl}/api/enrollments`, {
    data: sampleEnrollment({ sponsorId: rootId, firstName: 'Rowan', lastName }),
  });
  expect(enrolled.ok()).toBe(true);
  memberId = ((await enrolled.json()) as { member: { id: string } }).member.id;
});

afterAll(async () => {
  await agent?.context().close();
  await browser?.close();
});

describe('the support console search', () => {
  it('finds a member from the menu by both names in any order, accents ignored, and opens its account', async () => {
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    await agent.waitForURL(`${appUrl}/support`);
    const box = agent.getByRole('searchbox', { name: 'Search members' });
    await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);

    // The enrollment reaches the index through the table's stream: search until it shows.
    await expect
      .poll(async () => {
        await box.fill(`${folded} rowan`);
        await box.press('Enter');
        await agent.waitForURL(/\/support\?q=/);
        return agent.getByRole('link', { name: `Rowan ${lastName}` }).count();
      })
      .toBe(1);
    expect(new URL(agent.url()).searchParams.get('q')).toBe(`${folded} rowan`);
    const row = agent.getByRole('row').filter({ has: agent.getByRole('link', { name: `Rowan ${lastName}` }) });
    expect(await row.innerText()).toContain('Name');
    expect(await row.locator('mark').allInnerTexts()).toEqual(['Rowan', lastName]);

    await agent.getByRole('link', { name: `Rowan ${lastName}` }).click();
    await agent.waitForURL(`${appUrl}/support/members/${memberId}`);

    // Back to the search: the address kept it.
    await agent.goBack();
    await agent.getByRole('link', { name: `Rowan ${lastName}` }).waitFor();
    await agent.getByRole('searchbox', { name: 'Search members' }).fill('no such member anywhere');
    await agent.getByRole('searchbox', { name: 'Search members' }).press('Enter');
    await agent.getByText('Nobody matches “no such member anywhere”.', { exact: false }).waitFor();
  });

  it('shows a partner that the console is for staff', async () => {
    const partner = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.partner);
    expect(await partner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).count()).toBe(
      0,
    );
    await partner.goto(`${appUrl}/support`);
    await partner.getByText('The support console is for the support team.', { exact: false }).waitFor();
    await partner.context().close();
  });
});
