import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
let browser: Browser;
let member: Page;
let agent: Page;
const subject = `Missing parcel ${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  member = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.customer);
  agent = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
});

afterAll(async () => {
  await member?.context().close();
  await agent?.context().close();
  await browser?.close();
});

describe('support cases', () => {
  it('a member writes from Help, support answers from the desk, the member reads the reply', async () => {
    // The member: Help in the menu, a new request.
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }).click();
    await member.waitForURL(`${appUrl}/help`);
    await member.getByRole('button', { name: 'New request' }).click();
    await member.getByLabel('Subject').fill(subject);
    await member.getByLabel('Message').fill('My parcel has not arrived.');
    await member.getByRole('button', { name: 'Send request' }).click();
    const sent = member.getByRole('status').filter({ hasText: /Request #\d+ sent/ });
    await sent.waitFor();
    const number = /#(\d+)/.exec(await sent.innerText())![1]!;

    // Support: Cases in the menu, the case in the desk, a reply by email.
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await agent.waitForURL(`${appUrl}/support/cases`);
    await agent
      .getByRole('img', { name: /Cases by status/ })
      .or(agent.getByText('Cases by status'))
      .first()
      .waitFor();
    await agent.getByLabel('Case number').fill(number);
    await agent.getByRole('button', { name: 'Apply filters' }).click();
    await agent.getByRole('link', { name: number, exact: true }).click();
    await agent.waitForURL(`${appUrl}/support/cases/${number}`);
    await agent.getByRole('heading', { name: `Case #${number}: ${subject}` }).waitFor();
    await agent.getByLabel('Email reply to the member').fill('It left our warehouse today.');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByText('Added to the thread.').waitFor();
    await agent.getByLabel('Internal note').fill('Carrier ticket 42.');
    await agent.getByRole('button', { name: 'Add note' }).click();
    await agent.getByText('Carrier ticket 42.').waitFor();

    // The member sees the reply, never the note.
    await member.goto(`${appUrl}/help/${number}`);
    await member.getByText('It left our warehouse today.').waitFor();
    expect(await member.getByText('Carrier ticket 42.').count()).toBe(0);
  });
});
