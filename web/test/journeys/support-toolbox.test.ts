import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let agent: Page;
let memberId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  agent = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  // A partner of this run's own, enrolled by support under the founder.
  const founder = await browser.newContext();
  await founder.request.post(`${appUrl}/api/auth/sign-in`, {
    data: { login: DEMO_ACCOUNTS.founder, password: 'Arbor-demo-2026' },
  });
  const rootId = ((await (await founder.request.get(`${appUrl}/api/auth/me`)).json()) as { member: { id: string } })
    .member.id;
  await founder.close();
  const enrolled = await agent.request.post(`${appUrl}/api/enrollments`, {
    data: sampleEnrollment({ sponsorId: rootId, lastName: `Toolbox${Date.now().toString(36)}` }),
  });
  expect(enrolled.ok()).toBe(true);
  memberId = ((await enrolled.json()) as { member: { id: string } }).member.id;
});

afterAll(async () => {
  await agent?.context().close();
  await browser?.close();
});

describe('the toolbox tabs of a member’s console page', () => {
  it('changes the level with a reason, and shows identity, smart orders, qualification and the trees', async () => {
    await agent.goto(`${appUrl}/support/members/${memberId}?tab=membership`);
    const tabs = agent.getByRole('navigation', { name: 'Sections of the member account' });
    await expect
      .poll(() => tabs.getByRole('link', { name: 'Membership & identity' }).getAttribute('aria-current'))
      .toBe('page');
    await agent.getByRole('heading', { name: 'Membership level' }).waitFor();
    await agent.getByLabel('New level').selectOption('partner-pro');
    await agent.getByRole('button', { name: 'Change level' }).click();
    await agent.getByText('Say why, in a few words: it goes into the member’s log.').waitFor();
    await agent.getByLabel('Reason (goes into the member’s log)').fill('Bought the pro kit');
    await agent.getByRole('button', { name: 'Change level' }).click();
    await agent.getByText(/^Level changed to /).waitFor();
    await expect.poll(() => agent.getByTestId('identity-status').textContent()).toBe('Not submitted');

    await tabs.getByRole('link', { name: 'Smart orders' }).click();
    await agent.getByText('No smart orders.').waitFor();
    await agent.getByText('No order is waiting for payment.').waitFor();

    await tabs.getByRole('link', { name: 'Commissions' }).click();
    await agent.getByRole('heading', { name: /This month so far/ }).waitFor();
    await agent.getByRole('heading', { name: 'Qualification by period' }).waitFor();

    await tabs.getByRole('link', { name: 'Genealogy' }).click();
    const placement = agent.getByRole('link', { name: 'Placement tree' });
    await placement.waitFor();
    expect(await placement.getAttribute('href')).toBe(`/organization/tree?tree=placement&top=${memberId}`);
  });
});
