/**
 * Email broadcasts as the pages compose and show them: the form's draft and the body it sends,
 * the checks made before sending, the merge-field chips, an audience in words and a broadcast's
 * progress. Pure but for `t`, so it is unit tested (web/test/unit/comms.test.ts).
 */
import { parseLevelRange, type Audience, type AudienceScope } from '@arbor/shared/comms/audience';
import { MERGE_FIELD_NAMES, unknownMergeFields, type MergeField } from '@arbor/shared/comms/merge';
import type {
  BroadcastCounts,
  BroadcastStatus,
  BroadcastView,
  EmailTemplate,
  TemplateInput,
  TemplateUse,
} from '@arbor/shared/comms/model';
import { t, type MessageKey } from './i18n/index.svelte';

/** Problems found before asking the server: a message key (and its params) by field path. */
export type Problems = Record<string, { key: MessageKey; params?: Record<string, string> }>;

/** The problems in the member's language, as a form shows them. */
export const problemMessages = (problems: Problems): Record<string, string> =>
  Object.fromEntries(
    Object.entries(problems).map(([path, { key, params }]) => [
      path,
      (t as (k: string, p?: object) => string)(key, params),
    ]),
  );

/** Who receives it, as the form holds it (strings and choices; `audienceOf` makes the API's shape). */
export interface AudienceDraft {
  scope: AudienceScope;
  /** Placement scope: "1", "1-3", "2-"; blank is every level. */
  levels: string;
  enrollees: 'personal' | 'all';
  kinds: 'partner' | 'customer' | 'both';
  statuses: 'active' | 'inactive' | 'both';
  /** A rank number, or '' for no bound. */
  minRank: string;
  maxRank: string;
  /** Country codes; none is every country. */
  countries: string[];
}

export interface ComposeDraft {
  templateId: string;
  /** The sender's own subject and text (templates that take them). */
  subject: string;
  message: string;
  audience: AudienceDraft;
  extraRecipient: string;
  when: 'now' | 'later';
  /** The `datetime-local` input's value (the browser's time zone), e.g. "2026-12-24T15:00". */
  sendAt: string;
}

export const emptyAudience = (scope: AudienceScope): AudienceDraft => ({
  scope,
  levels: scope === 'placement' ? '1' : '',
  enrollees: 'personal',
  kinds: 'both',
  statuses: 'active',
  minRank: '',
  maxRank: '',
  countries: [],
});

export const emptyDraft = (scope: AudienceScope): ComposeDraft => ({
  templateId: '',
  subject: '',
  message: '',
  audience: emptyAudience(scope),
  extraRecipient: '',
  when: 'now',
  sendAt: '',
});

/** Customers are in the enroller tree (and the company) only; placement reaches partners. */
export const reachesCustomers = (scope: AudienceScope) => scope === 'enroller' || scope === 'company';

/** The audience the API takes: only what applies to the scope, defaults left out. */
export function audienceOf(draft: AudienceDraft): Audience {
  if (draft.scope === 'sponsor') return { scope: 'sponsor' };
  const levels = draft.levels.trim();
  const rank = (value: string) => (value === '' ? undefined : Number(value));
  const minRank = rank(draft.minRank);
  const maxRank = rank(draft.maxRank);
  return {
    scope: draft.scope,
    ...(draft.scope === 'placement' && levels ? { levels } : {}),
    ...(draft.scope === 'enroller' ? { enrollees: draft.enrollees } : {}),
    ...(reachesCustomers(draft.scope)
      ? { kinds: draft.kinds === 'both' ? ['partner', 'customer'] : [draft.kinds] }
      : {}),
    statuses: draft.statuses === 'both' ? ['active', 'inactive'] : [draft.statuses],
    ...(minRank !== undefined ? { minRank } : {}),
    ...(maxRank !== undefined ? { maxRank } : {}),
    ...(draft.countries.length > 0 ? { countries: [...draft.countries] } : {}),
  };
}

/** `2026-12-24T15:00` in the browser's time zone -> the UTC instant (`…Z`); null when it is no date. */
export function localToUtcIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** What preview and send take: the template, the own text when it takes one, the audience, when. */
export function draftBody(draft: ComposeDraft, ownText: boolean) {
  const sendAt = draft.when === 'later' ? localToUtcIso(draft.sendAt) : null;
  const extra = draft.extraRecipient.trim();
  return {
    templateId: draft.templateId,
    ...(ownText ? { subject: draft.subject.trim(), message: draft.message.trim() } : {}),
    audience: audienceOf(draft.audience),
    ...(extra ? { extraRecipient: extra } : {}),
    ...(sendAt ? { sendAt } : {}),
  };
}

/** One key per compose: the same compose sent twice (a double click, a retry) is one broadcast. */
export const newIdempotencyKey = (): string => crypto.randomUUID().replaceAll('-', '');

/** The furthest a broadcast can be scheduled (the API refuses later ones). */
const MAX_DAYS_AHEAD = 90;

/**
 * The problems the form can see before asking the server, by the field path the server uses
 * (`audience.levels`, `message`, `sendAt`), each a message key with its params.
 */
export function draftProblems(draft: ComposeDraft, ownText: boolean, now = Date.now()): Problems {
  const problems: Problems = {};
  if (!draft.templateId) problems.templateId = { key: 'comms.problem.template' };
  if (ownText) {
    if (!draft.subject.trim()) problems.subject = { key: 'form.rule.required' };
    else if (/[\r\n]/.test(draft.subject)) problems.subject = { key: 'comms.problem.oneLine' };
    if (!draft.message.trim()) problems.message = { key: 'form.rule.required' };
    for (const field of ['subject', 'message'] as const) {
      const bad = unknownMergeFields(draft[field], ['message']);
      if (!problems[field] && bad.length > 0) problems[field] = unknownFieldsProblem(bad);
    }
  }
  const { audience } = draft;
  if (audience.scope === 'placement' && audience.levels.trim() && !parseLevelRange(audience.levels)) {
    problems['audience.levels'] = { key: 'form.format.levels' };
  }
  if (audience.minRank && audience.maxRank && Number(audience.maxRank) < Number(audience.minRank)) {
    problems['audience.maxRank'] = { key: 'comms.problem.rankOrder' };
  }
  const extra = draft.extraRecipient.trim();
  if (extra && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(extra)) problems.extraRecipient = { key: 'form.format.email' };
  if (draft.when === 'later') {
    const sendAt = localToUtcIso(draft.sendAt);
    if (!sendAt) problems.sendAt = { key: 'comms.problem.sendAt' };
    else if (Date.parse(sendAt) <= now) problems.sendAt = { key: 'comms.problem.past' };
    else if (Date.parse(sendAt) > now + MAX_DAYS_AHEAD * 86_400_000) problems.sendAt = { key: 'comms.problem.tooFar' };
  }
  return problems;
}

/**
 * Errors the server named on a field the form does not show (the own subject of a template that
 * takes none, say): the form says them above its buttons instead of losing them.
 */
export function errorsOutside(errors: Record<string, string>, shown: (path: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown(path))
    .map(([, message]) => message);
}

/** The compose form's fields, by the paths the API names; the own subject and text only for a template that takes them. */
export function composeShows(path: string, draft: Pick<ComposeDraft, 'audience' | 'when'>, ownText: boolean): boolean {
  if (path === 'subject' || path === 'message') return ownText;
  if (path === 'sendAt') return draft.when === 'later';
  if (path === 'templateId' || path === 'extraRecipient') return true;
  const field = /^audience\.(\w+)$/.exec(path)?.[1];
  if (!field) return false;
  if (field === 'scope') return draft.audience.scope !== 'company';
  if (draft.audience.scope === 'sponsor') return false;
  if (field === 'levels') return draft.audience.scope === 'placement';
  if (field === 'enrollees') return draft.audience.scope === 'enroller';
  if (field === 'kinds') return reachesCustomers(draft.audience.scope);
  return ['statuses', 'minRank', 'maxRank', 'countries'].includes(field);
}

/** "{{foo}}, {{bar}}" are not merge fields (here). */
export const unknownFieldsProblem = (names: readonly string[]) => ({
  key: 'comms.problem.unknownFields' as MessageKey,
  params: { fields: names.map((name) => `{{${name}}}`).join(', ') },
});

/** The chips a text offers: every merge field, but `{{message}}` only in a template's body. */
export const mergeFieldsFor = (withMessage: boolean): MergeField[] =>
  MERGE_FIELD_NAMES.filter((name) => withMessage || name !== 'message');

export const MERGE_FIELD_LABELS: Record<MergeField, MessageKey> = {
  firstName: 'comms.merge.firstName',
  lastName: 'comms.merge.lastName',
  fullName: 'comms.merge.fullName',
  rank: 'comms.merge.rank',
  senderName: 'comms.merge.senderName',
  senderEmail: 'comms.merge.senderEmail',
  senderPhone: 'comms.merge.senderPhone',
  siteLink: 'comms.merge.siteLink',
  companyName: 'comms.merge.companyName',
  message: 'comms.merge.message',
};

/** `{{name}}` put in place of the selection (or at the caret); the text and where the caret goes after it. */
export function insertMergeField(
  text: string,
  start: number | null,
  end: number | null,
  name: string,
): { text: string; caret: number } {
  const field = `{{${name}}}`;
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: text.slice(0, from) + field + text.slice(to), caret: from + field.length };
}

export const STATUS_LABELS: Record<BroadcastStatus, MessageKey> = {
  scheduled: 'comms.status.scheduled',
  resolving: 'comms.status.resolving',
  sending: 'comms.status.sending',
  sent: 'comms.status.sent',
  canceled: 'comms.status.canceled',
};

/** Whether a broadcast is still moving (worth asking about again): being resolved or sent, or due to start. */
export function inProgress(broadcast: Pick<BroadcastView, 'status' | 'sendAt'>, now = Date.now()): boolean {
  if (broadcast.status === 'resolving' || broadcast.status === 'sending') return true;
  return broadcast.status === 'scheduled' && Date.parse(broadcast.sendAt) <= now;
}

/**
 * How far the sending is: mails settled (sent, suppressed at send time, failed) out of the
 * recipients; `total` null while the recipients are still being counted.
 */
export function progressOf(broadcast: Pick<BroadcastView, 'status' | 'counts'>): {
  done: number;
  total: number | null;
} {
  const { counts } = broadcast;
  const done = counts.sent + counts.suppressed + counts.failed;
  if (broadcast.status === 'resolving' || broadcast.status === 'scheduled') return { done, total: null };
  return { done, total: Math.max(counts.recipients, counts.queued, done) };
}

/** Everyone the audience left out. */
export const excludedTotal = (counts: Pick<BroadcastCounts, 'excluded'>) =>
  counts.excluded.optedOut + counts.excluded.bounced + counts.excluded.noEmail;

export interface AudienceNames {
  rank: (rank: number) => string;
  country: (code: string) => string;
}

/** The audience in a few words: "Placement levels 1-3 · partners · active · Gold to Diamond · US, MX". */
export function audienceSummary(audience: Audience, names: AudienceNames): string {
  const parts: string[] = [];
  switch (audience.scope) {
    case 'placement':
      parts.push(
        audience.levels
          ? t('comms.summary.placementLevels', { levels: audience.levels.replace(/\s/g, '') })
          : t('comms.summary.placement'),
      );
      break;
    case 'enroller':
      parts.push(audience.enrollees === 'all' ? t('comms.summary.enrollerAll') : t('comms.summary.enrollerPersonal'));
      break;
    case 'sponsor':
      return t('comms.summary.sponsor');
    case 'company':
      parts.push(t('comms.summary.company'));
  }
  const kinds = audience.scope === 'placement' ? ['partner'] : (audience.kinds ?? ['partner', 'customer']);
  parts.push(
    kinds.length === 2
      ? t('comms.summary.kindsBoth')
      : kinds[0] === 'customer'
        ? t('comms.summary.customers')
        : t('comms.summary.partners'),
  );
  const statuses = audience.statuses ?? ['active'];
  parts.push(
    statuses.length === 2
      ? t('comms.summary.anyStatus')
      : statuses[0] === 'inactive'
        ? t('comms.summary.inactive')
        : t('comms.summary.active'),
  );
  const { minRank, maxRank } = audience;
  if (minRank !== undefined && maxRank !== undefined) {
    parts.push(
      minRank === maxRank
        ? names.rank(minRank)
        : t('comms.summary.rankRange', { from: names.rank(minRank), to: names.rank(maxRank) }),
    );
  } else if (minRank !== undefined) parts.push(t('comms.summary.rankFrom', { rank: names.rank(minRank) }));
  else if (maxRank !== undefined) parts.push(t('comms.summary.rankTo', { rank: names.rank(maxRank) }));
  if (audience.countries?.length) parts.push(audience.countries.map(names.country).join(', '));
  return parts.join(' · ');
}

export const LANGUAGES = ['en', 'es'] as const;
export type TemplateLanguage = (typeof LANGUAGES)[number];

/** A template as the editor holds it. */
export interface TemplateDraft {
  name: string;
  description: string;
  use: TemplateUse;
  active: boolean;
  content: Record<TemplateLanguage, { subject: string; body: string }>;
}

export const templateDraftOf = (template?: EmailTemplate): TemplateDraft => ({
  name: template?.name ?? '',
  description: template?.description ?? '',
  use: template?.use ?? 'partners',
  active: template?.active ?? true,
  content: {
    en: { ...(template?.content.en ?? { subject: '', body: '' }) },
    es: { ...(template?.content.es ?? { subject: '', body: '' }) },
  },
});

export const USE_LABELS: Record<TemplateUse, MessageKey> = {
  partners: 'comms.use.partners',
  staff: 'comms.use.staff',
  both: 'comms.use.both',
};

/** What the editor refuses before saving, at the paths the API names (`content.es.body`). */
export function templateProblems(draft: TemplateDraft): Problems {
  const problems: Problems = {};
  if (!draft.name.trim()) problems.name = { key: 'form.rule.required' };
  for (const language of LANGUAGES) {
    const { subject, body } = draft.content[language];
    const at = `content.${language}`;
    if (!subject.trim()) problems[`${at}.subject`] = { key: 'form.rule.required' };
    else if (/[\r\n]/.test(subject)) problems[`${at}.subject`] = { key: 'comms.problem.oneLine' };
    else if (unknownMergeFields(subject, ['message']).length > 0) {
      problems[`${at}.subject`] = unknownFieldsProblem(unknownMergeFields(subject, ['message']));
    }
    if (!body.trim()) problems[`${at}.body`] = { key: 'form.rule.required' };
    else if (unknownMergeFields(body).length > 0)
      problems[`${at}.body`] = unknownFieldsProblem(unknownMergeFields(body));
  }
  return problems;
}

/** The body the API takes: trimmed, a blank description left out. */
export function templateBody(draft: TemplateDraft): TemplateInput {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    ...(description ? { description } : {}),
    use: draft.use,
    active: draft.active,
    content: {
      en: { subject: draft.content.en.subject.trim(), body: draft.content.en.body.trim() },
      es: { subject: draft.content.es.subject.trim(), body: draft.content.es.body.trim() },
    },
  };
}

/** The first language whose fields have an error (the editor shows its tab). */
export const languageWithError = (errors: Record<string, string>): TemplateLanguage | null =>
  LANGUAGES.find((language) => Object.keys(errors).some((path) => path.startsWith(`content.${language}.`))) ?? null;
