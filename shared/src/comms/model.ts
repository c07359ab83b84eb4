import { z } from 'zod';
import { Audience, AudienceCounts } from './audience.js';
import { type MergeField, unknownMergeFields } from './merge.js';

/** Company mail settings (Admin → Email): what every broadcast carries and the limits that keep it from spam. */
export const MailSettings = z.object({
  /** The company's postal address, printed at the foot of every broadcast (anti-spam laws ask for it). */
  postalAddress: z.string().trim().min(10).max(300),
  /** The company's public site, the `{{siteLink}}` of an announcement. */
  siteUrl: z
    .string()
    .trim()
    .max(300)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }))
    .optional(),
  /** Mails per second SES may take from us (the account's sending rate); the consumers pace to it. */
  sesRatePerSecond: z.number().int().min(1).max(500),
  /** Broadcasts one partner may send per company day (0 turns partner broadcasts off). */
  partnerDailyBroadcasts: z.number().int().min(0).max(50),
});
export type MailSettings = z.infer<typeof MailSettings>;

export const DEFAULT_MAIL_SETTINGS: Omit<MailSettings, 'postalAddress'> = {
  sesRatePerSecond: 14,
  partnerDailyBroadcasts: 3,
};

export const TemplateId = z
  .string()
  .regex(/^tpl_[0-9a-z]{12}$/, 'must be a template id (tpl_ and 12 letters or digits)');
export const BroadcastId = z
  .string()
  .regex(/^bc_[0-9a-z]{20}$/, 'must be a broadcast id (bc_ and 20 letters or digits)');

const Subject = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(150, 'must be at most 150 characters')
  .regex(/^[^\r\n]*$/, 'must be one line');
const Body = z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters');

/** Reports every unknown (or here forbidden) merge field of `text` at `path`. */
function checkMergeFields(
  ctx: z.RefinementCtx,
  text: string | undefined,
  path: (string | number)[],
  forbidden: readonly MergeField[] = [],
) {
  if (text === undefined) return;
  const bad = unknownMergeFields(text, forbidden);
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `uses ${bad.map((name) => `{{${name}}}`).join(', ')}, which ${bad.length === 1 ? 'is not a merge field' : 'are not merge fields'} here`,
    });
  }
}

export const TemplateContent = z.object({ subject: Subject, body: Body });
export type TemplateContent = z.infer<typeof TemplateContent>;

/** Who may send with a template: partners (to their team), staff (announcements), or both. */
export const TemplateUse = z.enum(['partners', 'staff', 'both']);
export type TemplateUse = z.infer<typeof TemplateUse>;

/** A template as an admin writes it: both languages, merge fields from the closed list. */
export const TemplateInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    description: z.string().trim().max(300).optional(),
    use: TemplateUse,
    active: z.boolean(),
    content: z.object({ en: TemplateContent, es: TemplateContent }),
  })
  .superRefine((template, ctx) => {
    for (const language of ['en', 'es'] as const) {
      const content = template.content[language];
      checkMergeFields(ctx, content.subject, ['content', language, 'subject'], ['message']);
      checkMergeFields(ctx, content.body, ['content', language, 'body']);
    }
  });
export type TemplateInput = z.infer<typeof TemplateInput>;

export const EmailTemplate = z.object({
  id: TemplateId,
  name: z.string(),
  description: z.string().optional(),
  use: TemplateUse,
  active: z.boolean(),
  content: z.object({ en: TemplateContent, es: TemplateContent }),
  /** Whether the sender writes its own subject and text (the body has `{{message}}`). */
  ownText: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number().int().min(1),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;

/** A template's body takes the sender's own text where it says `{{message}}`. */
export const takesOwnText = (content: { en: TemplateContent; es: TemplateContent }) =>
  /\{\{\s*message\s*\}\}/.test(content.en.body) || /\{\{\s*message\s*\}\}/.test(content.es.body);

/** Whether a template can be sent now as a partner's broadcast or as an announcement: active, and for that use. */
export const templateSendableAs = (template: Pick<EmailTemplate, 'active' | 'use'>, type: 'partner' | 'announcement') =>
  template.active && (template.use === 'both' || template.use === (type === 'partner' ? 'partners' : 'staff'));

/** An idempotency key: the same compose sent twice (a double click, a retry) makes one broadcast. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _ (one per compose)');

/** What the sender composes: the template, its own subject and text when the template takes them, the audience, when. */
const DraftFields = z.object({
  templateId: TemplateId,
  /** Own subject (templates with `{{message}}` only); the template's subject when absent. */
  subject: Subject.optional(),
  /** Own text, put where the template says `{{message}}`; merge fields allowed, `{{message}}` not. */
  message: z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10,000 characters').optional(),
  audience: Audience,
  /** One more address outside the selection (e.g. the sender's own, to see the mail). */
  extraRecipient: z.email('must be an email address').max(254).optional(),
  /** When to send (UTC); now when absent. Must be in the future, at most 90 days ahead. */
  sendAt: z.iso.datetime({ offset: true, error: 'must be a date and time, e.g. 2026-12-24T15:00:00Z' }).optional(),
});

function checkDraft(draft: { subject?: string | undefined; message?: string | undefined }, ctx: z.RefinementCtx) {
  checkMergeFields(ctx, draft.subject, ['subject'], ['message']);
  checkMergeFields(ctx, draft.message, ['message'], ['message']);
}

export const BroadcastDraft = DraftFields.superRefine(checkDraft);
export type BroadcastDraft = z.infer<typeof BroadcastDraft>;

export const SendBroadcastBody = DraftFields.extend({ idempotencyKey: IdempotencyKey }).superRefine(checkDraft);
export type SendBroadcastBody = z.infer<typeof SendBroadcastBody>;

export const BroadcastStatus = z.enum(['scheduled', 'resolving', 'sending', 'sent', 'canceled']);
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;

/** A broadcast's progress and outcome: recipients found and excluded, then each mail's fate. */
export const BroadcastCounts = AudienceCounts.extend({
  /** Recipient mails put on the email queue so far. */
  queued: z.number().int(),
  sent: z.number().int(),
  /** Not sent at send time: the address opted out, bounced or complained since, or the member left. */
  suppressed: z.number().int(),
  /** SES reported a bounce or complaint for a mail it took. */
  bounced: z.number().int(),
  failed: z.number().int(),
});
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const BroadcastView = z.object({
  id: BroadcastId,
  type: z.enum(['partner', 'announcement']),
  senderId: z.string(),
  senderName: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  /** The subject as the sender wrote or chose it (in the sender's language). */
  subject: z.string(),
  message: z.string().optional(),
  audience: Audience,
  /** Masked: `a•••@example.com`. */
  extraRecipient: z.string().optional(),
  status: BroadcastStatus,
  sendAt: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  canceledAt: z.string().optional(),
  counts: BroadcastCounts,
});
export type BroadcastView = z.infer<typeof BroadcastView>;

/** A rendered mail, as the preview shows it and SES receives it. */
export const RenderedMail = z.object({
  language: z.enum(['en', 'es']),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export type RenderedMail = z.infer<typeof RenderedMail>;
