import { z } from 'zod';
import { AudienceCounts } from '../comms/audience.js';
import {
  BroadcastDraft,
  BroadcastId,
  BroadcastStatus,
  BroadcastView,
  EmailTemplate,
  MailSettings,
  RenderedMail,
  SendBroadcastBody,
  TemplateId,
  TemplateInput,
} from '../comms/model.js';
import { MemberId } from '../members/model.js';
import { PageQuery, pageOf } from '../paging.js';
import { ADMIN, endpoint, STAFF } from './endpoint.js';

const PARTNERS = ['partner'] as const;
const PARTNERS_AND_ADMIN = ['partner', 'admin'] as const;
const PARTNERS_AND_STAFF = ['partner', 'support', 'admin'] as const;

const BroadcastParams = z.object({ id: BroadcastId });
const TemplateParams = z.object({ id: TemplateId });

/** A template as a sender picks it: the text in both languages and whether it takes the sender's own text. */
const TemplateChoice = EmailTemplate.pick({ id: true, name: true, description: true, content: true, ownText: true });

/** What a preview shows before anything is sent: how many receive it, who is left out, and the mail itself. */
const BroadcastPreview = z.object({
  counts: AudienceCounts,
  /** The mail as a recipient sees it, in each language the recipients read (the first recipient's merge values). */
  mails: z.array(RenderedMail.extend({ recipients: z.number().int(), sampleName: z.string() })),
});

/** The signed link of an unsubscribe mail footer: the member and its signature. */
const UnsubscribeQuery = z.object({
  m: MemberId,
  t: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a link from one of our emails'),
});

const ListBroadcastsQuery = PageQuery.extend({
  /** Staff: the broadcasts of this member (support reviewing an account). */
  sender: MemberId.optional(),
  status: BroadcastStatus.optional(),
});

export const commsApi = {
  listTemplates: endpoint({
    auth: PARTNERS_AND_ADMIN,
    summary: 'Templates the caller may send with (active; partners: for partners, admins: for announcements), by name.',
    response: z.object({ items: z.array(TemplateChoice) }),
  }),
  previewBroadcast: endpoint({
    auth: PARTNERS,
    summary:
      'Count the recipients of a broadcast to the team (and who is excluded: opted out, bounced, no email) and render it as they will see it. Sends nothing.',
    body: BroadcastDraft,
    response: BroadcastPreview,
  }),
  sendBroadcast: endpoint({
    auth: PARTNERS,
    summary:
      'Send (or schedule) a broadcast to the team. The same idempotencyKey sent again answers the same broadcast; a partner has a daily limit of broadcasts (company setting).',
    body: SendBroadcastBody,
    response: z.object({ broadcast: BroadcastView }),
    status: 202,
  }),
  listBroadcasts: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "The caller's broadcasts, newest first (staff: a member's, with sender=), with progress and outcome.",
    query: ListBroadcastsQuery,
    response: pageOf(BroadcastView),
  }),
  getBroadcast: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'One broadcast: what was sent, to whom, and how many were queued, sent, suppressed and bounced.',
    params: BroadcastParams,
    response: z.object({ broadcast: BroadcastView }),
  }),
  cancelBroadcast: endpoint({
    auth: PARTNERS_AND_ADMIN,
    summary: 'Cancel a scheduled broadcast before it starts (one that started cannot be called back).',
    params: BroadcastParams,
    response: z.object({ broadcast: BroadcastView }),
  }),
  adminListTemplates: endpoint({
    auth: ADMIN,
    summary: 'Every email template (active or not), by name.',
    response: z.object({ items: z.array(EmailTemplate) }),
  }),
  adminCreateTemplate: endpoint({
    auth: ADMIN,
    summary:
      'Create an email template in English and Spanish; merge fields come from a closed list ({{firstName}}, {{rank}}, {{senderName}}, {{siteLink}}, {{message}}…).',
    body: TemplateInput,
    response: z.object({ template: EmailTemplate }),
    status: 201,
  }),
  adminUpdateTemplate: endpoint({
    auth: ADMIN,
    summary: 'Replace a template (broadcasts already queued keep the text they were sent with).',
    params: TemplateParams,
    body: TemplateInput.and(z.object({ version: z.number().int().min(1) })),
    response: z.object({ template: EmailTemplate }),
  }),
  previewAnnouncement: endpoint({
    auth: ADMIN,
    summary: 'Count and render a company announcement (scope company, by market, rank, status, kind). Sends nothing.',
    body: BroadcastDraft,
    response: BroadcastPreview,
  }),
  sendAnnouncement: endpoint({
    auth: ADMIN,
    summary: 'Send (or schedule) a company announcement through the broadcast pipeline.',
    body: SendBroadcastBody,
    response: z.object({ broadcast: BroadcastView }),
    status: 202,
  }),
  listAnnouncements: endpoint({
    auth: STAFF,
    summary: 'Company announcements, newest first, with progress and outcome.',
    query: PageQuery,
    response: pageOf(BroadcastView),
  }),
  getMailSettings: endpoint({
    auth: ADMIN,
    summary: "The company's mail settings: postal address, site, SES sending rate, partners' daily broadcast limit.",
    response: z.object({ settings: MailSettings.partial({ postalAddress: true }) }),
  }),
  updateMailSettings: endpoint({
    auth: ADMIN,
    summary: "Change the company's mail settings.",
    body: MailSettings,
    response: z.object({ settings: MailSettings }),
  }),
  unsubscribeInfo: endpoint({
    auth: 'public',
    summary: "What an unsubscribe link is about: the member's first name and whether it is already opted out.",
    query: UnsubscribeQuery,
    response: z.object({ firstName: z.string(), optedOut: z.boolean() }),
  }),
  unsubscribe: endpoint({
    auth: 'public',
    summary:
      'Opt the member of a signed unsubscribe link out of broadcasts (one-click, RFC 8058: mail clients POST `List-Unsubscribe=One-Click`). Account mail (receipts, password resets) still goes.',
    query: UnsubscribeQuery,
    response: z.object({ optedOut: z.literal(true) }),
  }),
};
