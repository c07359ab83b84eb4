import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let agent: Page;
let memberId = '';
const lastName = `Console${Date.now().toString(36)}`;

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
    data: sampleEnrollment({ sponsorId: rootId, lastName }),
  });
  expect(enrolled.ok()).toBe(true);
  memberId = ((await enrolled.json()) as { member: { id: string } }).member.id;
});

afterAll(async () => {
  await agent?.context().close();
  await browser?.close();
});

describe('the member’s account in the support console', () => {
  it('shows the overview, writes a call note that the timeline shows, and views the portal read-only and back', async () => {
    await agent.goto(`${appUrl}/support/members/${memberId}`);
    const tabs = agent.getByRole('navigation', { name: 'Sections of the member account' });
    await expect.poll(() => tabs.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await agent.getByRole('heading', { name: 'Account', exact: true }).waitFor();
    await agent.getByRole('heading', { name: 'Sign-in and security' }).waitFor();
    await agent.getByRole('button', { name: 'End all sessions' }).waitFor();

    // A call note, then it is on the call log and in the timeline.
    await tabs.getByRole('link', { name: 'Call log' }).click();
    await agent.getByLabel('Topic', { exact: true }).first().fill('Welcome call');
    await agent.getByLabel('What was said').fill('Explained the back office and the smart order.');
    await agent.getByRole('button', { name: 'Save note' }).click();
    await agent.getByText('Note saved.').waitFor();
    await agent.getByText('Explained the back office and the smart order.').waitFor();
    await tabs.getByRole('link', { name: 'Timeline' }).click();
    await agent.getByText(/Call: Welcome call/).waitFor();

    // An action needs a reason.
    await tabs.getByRole('link', { name: 'Overview' }).click();
    await agent.getByRole('button', { name: 'Unlock the account' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Unlock the account' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Say why, in a few words, for the member log.').waitFor();
    await dialog.getByLabel('Reason (for the member log)').fill('Member called, locked out');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await agent.getByText('The account was not locked; its failed attempts are cleared.').waitFor();

    // The portal as the member sees it, read-only, and back.
    await agent.getByRole('button', { name: 'View online office' }).click();
    const view = agent.getByRole('dialog', { name: 'View online office' });
    await view.getByLabel('Reason (for the member log)').fill('Member cannot find its dashboard');
    await view.getByRole('button', { name: 'Confirm' }).click();
    await agent.getByText(/Read-only view as .* opened by support/).waitFor();
    await expect.poll(() => agent.getByTestId('member-header').textContent()).toContain(lastName);
    expect(await agent.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await agent.getByRole('button', { name: 'Back to support console' }).click();
    await agent.waitForURL(`${appUrl}/support/members/${memberId}`);
    await expect.poll(() => agent.getByTestId('member-header').textContent()).not.toContain(lastName);
    await tabs.getByRole('link', { name: 'Portal views' }).click();
    await agent.getByText(/Member cannot find its dashboard/).waitFor();
  });
});
