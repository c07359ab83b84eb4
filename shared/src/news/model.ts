import { z } from 'zod';
import { Language } from '../members/model.js';

/**
 * News: company articles (admin) and partners' notes to their downline. Both
 * are one record with a version per language, a publication time and an
 * optional expiry; an item is shown only between the two, and only to its
 * audience (docs/news.md).
 */

/** An article's or a note's id: `n` and 20 lowercase hex digits. */
export const NewsId = z.string().regex(/^n[0-9a-f]{20}$/, 'must be a news id');

/** A UTC ISO date and time (any offset taken, stored in UTC so times sort as text). */
const DateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO date and time, e.g. 2026-01-31T09:00:00Z' })
  .transform((value) => new Date(value).toISOString());

/** Where uploaded article images live in the uploads bucket (functions/src/lib/uploads.ts, kind `newsImage`). */
export const NEWS_IMAGE_PREFIX = 'news/articles/';
export const NewsImageKey = z
  .string()
  .regex(/^news\/articles\/[0-9a-f-]{36}$/, 'must be the key of an uploaded news image');

/** Markdown: paragraphs, **bold**, *italic*, headings, lists, links, images (raw HTML is shown as text). */
const Markdown = z.string().trim().min(1).max(40_000);
const Title = z.string().trim().min(1).max(160);

export const NewsVersion = z.object({ title: Title, body: Markdown });
export type NewsVersion = z.infer<typeof NewsVersion>;

export const NewsVersions = z
  .object({ en: NewsVersion.optional(), es: NewsVersion.optional() })
  .refine((versions) => versions.en || versions.es, 'needs an English or a Spanish version');
export type NewsVersions = z.infer<typeof NewsVersions>;

/** Who reads an article: members of these kinds, in these markets (none listed: every market). */
export const AudienceRole = z.enum(['customer', 'partner']);
export type AudienceRole = z.infer<typeof AudienceRole>;
export const NewsAudience = z.object({
  markets: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter market code'))
    .max(50)
    .default([]),
  roles: z.array(AudienceRole).min(1, 'choose at least one of customer, partner').max(2),
});
export type NewsAudience = z.infer<typeof NewsAudience>;

/** An expiry must come after the publication: a 400 naming `expiresAt`. */
const expiryAfterPublication = (value: { publishAt: string; expiresAt?: string | null }, ctx: z.RefinementCtx) => {
  if (value.expiresAt && value.expiresAt <= value.publishAt) {
    ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after publishAt' });
  }
};

const Dates = { publishAt: DateTime, expiresAt: DateTime.nullable().optional() };

/** The version read, on a change (optimistic concurrency: 409 if it changed meanwhile). */
const Version = { version: z.number().int().min(1) };

const ArticleFields = z.object({
  versions: NewsVersions,
  audience: NewsAudience,
  ...Dates,
  imageKey: NewsImageKey.nullable().optional(),
});
/** What an admin writes: the versions, the audience, the dates, an optional cover image. */
export const ArticleInput = ArticleFields.superRefine(expiryAfterPublication);
export type ArticleInput = z.output<typeof ArticleInput>;
export const ArticleUpdate = ArticleFields.extend(Version).superRefine(expiryAfterPublication);

const NoteFields = z.object({ title: Title, body: Markdown, language: Language.optional(), ...Dates });
/** What a partner writes to its downline: one language (its own unless said). */
export const NoteInput = NoteFields.superRefine(expiryAfterPublication);
export type NoteInput = z.output<typeof NoteInput>;
export const NoteUpdate = NoteFields.extend(Version).superRefine(expiryAfterPublication);

export const NewsKind = z.enum(['article', 'note']);
export type NewsKind = z.infer<typeof NewsKind>;

/** Before publication, between the dates, after the expiry. */
export const NewsStatus = z.enum(['scheduled', 'live', 'expired']);
export type NewsStatus = z.infer<typeof NewsStatus>;

export function newsStatus(item: { publishAt: string; expiresAt: string | null }, now: string): NewsStatus {
  if (now < item.publishAt) return 'scheduled';
  if (item.expiresAt !== null && now >= item.expiresAt) return 'expired';
  return 'live';
}

/** The reader's version: its language when there is one, else the other. */
export function versionFor(versions: NewsVersions, language: Language): { language: Language; version: NewsVersion } {
  const own = versions[language];
  if (own) return { language, version: own };
  const other: Language = language === 'en' ? 'es' : 'en';
  return { language: other, version: versions[other] as NewsVersion };
}

const IsoDateTime = z.string().meta({ format: 'date-time' });

/** An item as its readers see it in a list: the version in their language, a plain-text summary. */
export const NewsSummary = z.object({
  id: z.string(),
  kind: NewsKind,
  language: Language,
  title: z.string(),
  summary: z.string().meta({ description: 'The start of the text, without formatting.' }),
  publishAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  imageUrl: z.string().nullable(),
  /** A note's author (a partner of the reader's upline); null for a company article. */
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type NewsSummary = z.infer<typeof NewsSummary>;

/** One item to read: the summary and the body as HTML (rendered from Markdown, no raw HTML). */
export const NewsDetail = NewsSummary.extend({ html: z.string() });
export type NewsDetail = z.infer<typeof NewsDetail>;

const Stamps = {
  status: NewsStatus,
  publishAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
};

/** An article as the admin edits it. */
export const ArticleView = z.object({
  id: z.string(),
  versions: z.object({ en: NewsVersion.optional(), es: NewsVersion.optional() }),
  audience: z.object({ markets: z.array(z.string()), roles: z.array(AudienceRole) }),
  imageKey: z.string().nullable(),
  imageUrl: z.string().nullable(),
  ...Stamps,
});
export type ArticleView = z.infer<typeof ArticleView>;

/** A partner's note as its author edits it. */
export const NoteView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  language: Language,
  ...Stamps,
});
export type NoteView = z.infer<typeof NoteView>;
