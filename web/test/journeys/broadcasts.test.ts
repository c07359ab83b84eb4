import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@arbor/shared/demo/company';
import { launchBrowser, signedInPage } from '../browser.js';

const appUrl = inject('appUrl');
const mailUrl = inject('mailUrl');
let browser: Browser;
let admin: Page;
let partner: Page;

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
}

const mails = async () => ((await (await fetch(`${mailUrl}/store`)).json()) as { emails: StoredMail[] }).emails;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.admin);
  partner = await signedInPage(browser, appUrl, DEMO_ACCOUNTS.partner);
});

afterAll(async () => {
  await admin?.context().close();
  await partner?.context().close();
  await browser?.close();
});

/** The figure the preview shows for one count ("Unsubscribed"). */
async function previewCount(page: Page, label: string): Promise<number> {
  const preview = page.getByTestId('broadcast-preview');
  const text = await preview
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('+ dd')
    .innerText();
  return Number(text.replace(/\D/g, ''));
}

describe('Email to the team', () => {
  it('an admin makes a template; a partner previews, sends to level 1 and sees it sent; the mail’s link unsubscribes', async () => {
    const stamp = Date.now().toString(36);
    const name = `Team update ${stamp}`;

    // Admin → Email settings: the postal address every broadcast carries.
    await admin.goto(`${appUrl}/admin/email-settings`);
    await admin.getByRole('heading', { name: 'Email settings', level: 1 }).waitFor();
    await admin.getByLabel('Postal address').fill('Arbor Inc., 1 Congress Ave, Austin, TX 78701, USA');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('The email settings are saved.').waitFor();

    // Admin → Email templates: a template whose Spanish body names an unknown field is refused at that field.
    await admin.goto(`${appUrl}/admin/email-templates`);
    await admin.getByRole('button', { name: 'New template' }).click();
    const editor = admin.getByTestId('template-editor');
    await editor.getByLabel('Name', { exact: true }).fill(name);
    await editor
      .getByRole('tabpanel', { name: 'English' })
      .getByLabel('Subject', { exact: true })
      .fill('News from {{senderName}}');
    await editor
      .getByRole('tabpanel', { name: 'English' })
      .getByLabel('Body', { exact: true })
      .fill('Hi {{firstName}},\n\n{{message}}\n\n— {{senderName}}');
    await editor.getByRole('tab', { name: 'Spanish' }).click();
    const spanish = editor.getByRole('tabpanel', { name: 'Spanish' });
    await spanish.getByLabel('Subject', { exact: true }).fill('Noticias de {{senderName}}');
    await spanish.getByLabel('Body', { exact: true }).fill('Hola {{nombre}},\n\n{{message}}');
    await editor.getByRole('tab', { name: 'English' }).click();
    await editor.getByRole('button', { name: 'Create template' }).click();
    // The editor opens the Spanish tab, where the error is.
    await spanish.getByText('{{nombre}}: not a merge field that can be used here.').waitFor();
    await spanish.getByLabel('Body', { exact: true }).fill('Hola {{firstName}},\n\n{{message}}\n\n— {{senderName}}');
    await editor.getByRole('button', { name: 'Create template' }).click();
    await admin.getByText(`“${name}” is saved.`).waitFor();
    await expect.poll(() => admin.getByTestId('email-templates').textContent()).toContain(name);

    // The partner composes with it: its own subject and message, to placement level 1.
    await partner.goto(`${appUrl}/team-email`);
    await partner.getByRole('heading', { name: 'Email my team', level: 1 }).waitFor();
    await partner.getByLabel('Template', { exact: true }).selectOption({ label: name });
    const subject = `Monday call ${stamp}`;
    await partner.getByLabel('Subject', { exact: true }).fill(`${subject} for `);
    await partner
      .getByRole('button', { name: /\{\{firstName\}\}/ })
      .first()
      .click();
    await expect
      .poll(() => partner.getByLabel('Subject', { exact: true }).inputValue())
      .toBe(`${subject} for {{firstName}}`);
    await partner.getByLabel('Your message').fill('Our call is on Monday at 7 pm. Bring a friend!');
    await partner.getByLabel('My placement downline').check();
    await partner.getByLabel('Levels', { exact: true }).fill('1');

    await partner.getByRole('button', { name: 'Preview' }).click();
    await partner.getByTestId('preview-recipients').waitFor();
    const recipients = await previewCount(partner, 'Recipients');
    expect(recipients).toBeGreaterThan(0);
    const optedOutBefore = await previewCount(partner, 'Unsubscribed');
    // The mail itself is in a sandboxed frame, never in the page.
    const frame = partner.getByTestId('broadcast-preview').locator('iframe').first();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Our call is on Monday');

    await partner.getByRole('button', { name: 'Send', exact: true }).click();
    const confirm = partner.getByRole('dialog', { name: 'Send this email?' });
    await confirm.getByText(`${recipients} recipient`).waitFor();
    await confirm.getByRole('button', { name: 'Send', exact: true }).click();
    // The answer is the confirmation or an alert; say which, so a failure names its cause.
    const answer = partner.getByText('Your email is on its way.').or(partner.getByRole('alert')).first();
    await answer.waitFor();
    expect(await answer.innerText()).toContain('Your email is on its way.');

    const row = partner.getByTestId('broadcasts').getByRole('row', { name: new RegExp(subject) });
    await expect.poll(() => row.getByTestId('broadcast-status').textContent(), { timeout: 60_000 }).toBe('Sent');
    expect(await row.textContent()).toContain('Placement levels 1');

    // The mails arrived, each with a one-click List-Unsubscribe header and an unsubscribe page link.
    let mail: StoredMail | undefined;
    await expect
      .poll(
        async () => {
          const ours = (await mails()).filter((m) => m.subject.startsWith(`${subject} for `));
          mail = ours[0];
          return ours.length;
        },
        { timeout: 30_000 },
      )
      .toBe(recipients);
    const header = mail!.headers?.find((h) => h.name.toLowerCase() === 'list-unsubscribe')?.value ?? '';
    expect(header).toMatch(/^<http\S+\/api\/unsubscribe\?m=\d+&t=[\w-]+>$/);
    expect(mail!.headers?.find((h) => h.name === 'List-Unsubscribe-Post')?.value).toBe('List-Unsubscribe=One-Click');
    const link = /(http\S+\/unsubscribe\?m=\d+&t=[\w-]+)/.exec(mail!.body.text ?? '')?.[1];
    expect(link).toBeDefined();
    const firstName = /for (.+)$/.exec(mail!.subject)?.[1] ?? '';

    // Its link opens a page that only asks (a GET unsubscribes nobody); the button opts the member out.
    const reader = await browser.newContext({ locale: 'en-US' });
    const page = await reader.newPage();
    await page.addInitScript(() => localStorage.setItem('arbor.locale', 'en'));
    const local = link!.replace(/^https?:\/\/[^/]+/, appUrl);
    await page.goto(local);
    await page.getByText(`Hello ${firstName}, do you want to stop receiving team emails`).waitFor();
    await page.getByText('order receipts and password resets, still arrive').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText(`Done, ${firstName}: you will not receive team emails`).waitFor();
    await page.goto(local);
    await page.getByText(`${firstName}, you are already unsubscribed`).waitFor();
    // A link that is not ours says so.
    await page.goto(local.replace(/t=[\w-]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await page.getByText('This unsubscribe link is not valid.').waitFor();
    await reader.close();

    // The partner's next preview (the form was emptied by the send) leaves the member out as unsubscribed.
    await partner.getByLabel('Subject', { exact: true }).fill(subject);
    await partner.getByLabel('Your message').fill('Again');
    await partner.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => previewCount(partner, 'Unsubscribed')).toBe(optedOutBefore + 1);
    expect(await previewCount(partner, 'Recipients')).toBe(recipients - 1);
  });
});
