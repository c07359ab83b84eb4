import { describe, expect, it, vi } from 'vitest';
import { Audience } from '@arbor/shared/comms/audience';
import { MERGE_FIELD_NAMES } from '@arbor/shared/comms/merge';
import { BroadcastDraft, IdempotencyKey, TemplateInput } from '@arbor/shared/comms/model';
import english from '../../src/lib/i18n/comms.en';
import spanish from '../../src/lib/i18n/comms.es';

// The real i18n module holds Svelte state; here `t` returns the key and its parameters.
vi.mock('../../src/lib/i18n/index.svelte', () => import('./i18n-mock'));

const comms = await import('../../src/lib/comms');
const {
  audienceOf,
  audienceSummary,
  composeShows,
  draftBody,
  draftProblems,
  emptyAudience,
  emptyDraft,
  errorsOutside,
  inProgress,
  insertMergeField,
  languageWithError,
  localToUtcIso,
  mergeFieldsFor,
  MERGE_FIELD_LABELS,
  newIdempotencyKey,
  progressOf,
  templateBody,
  templateDraftOf,
  templateProblems,
} = comms;

const TEMPLATE = 'tpl_abcdefabcdef';
const NOW = Date.parse('2026-05-01T12:00:00Z');
/** A `datetime-local` value for an instant, in this process's time zone (as the browser's input gives it). */
const local = (time: number) => {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

describe('the audience the compose form sends', () => {
  it('keeps only what applies to the scope, and the API takes it', () => {
    const placement = { ...emptyAudience('placement'), levels: ' 1-3 ', kinds: 'both' as const, countries: ['US'] };
    expect(audienceOf(placement)).toEqual({
      scope: 'placement',
      levels: '1-3',
      statuses: ['active'],
      countries: ['US'],
    });

    const enroller = { ...emptyAudience('enroller'), enrollees: 'all' as const, kinds: 'both' as const, levels: '2' };
    expect(audienceOf(enroller)).toEqual({
      scope: 'enroller',
      enrollees: 'all',
      kinds: ['partner', 'customer'],
      statuses: ['active'],
    });

    const sponsor = { ...emptyAudience('sponsor'), minRank: '3', countries: ['MX'] };
    expect(audienceOf(sponsor)).toEqual({ scope: 'sponsor' });

    const company = {
      ...emptyAudience('company'),
      kinds: 'customer' as const,
      statuses: 'both' as const,
      minRank: '2',
      maxRank: '4',
    };
    expect(audienceOf(company)).toEqual({
      scope: 'company',
      kinds: ['customer'],
      statuses: ['active', 'inactive'],
      minRank: 2,
      maxRank: 4,
    });

    for (const draft of [placement, enroller, sponsor, company]) {
      expect(Audience.safeParse(audienceOf(draft)).success).toBe(true);
    }
    // Every level when the levels are left blank.
    expect(audienceOf({ ...emptyAudience('placement'), levels: '  ' })).toEqual({
      scope: 'placement',
      statuses: ['active'],
    });
  });

  it('sends the own subject and text only for a template that takes them, and the time in UTC', () => {
    const draft = {
      ...emptyDraft('placement'),
      templateId: TEMPLATE,
      subject: ' Hi {{firstName}} ',
      message: ' Our call is on Monday. ',
      extraRecipient: ' me@example.com ',
      when: 'later' as const,
      sendAt: local(NOW + 3_600_000),
    };
    const own = draftBody(draft, true);
    expect(own).toMatchObject({ subject: 'Hi {{firstName}}', message: 'Our call is on Monday.' });
    expect(own.extraRecipient).toBe('me@example.com');
    expect(own.sendAt).toBe(new Date(NOW + 3_600_000).toISOString());
    expect(BroadcastDraft.safeParse(own).success).toBe(true);

    const fixed = draftBody({ ...draft, when: 'now' }, false);
    expect(fixed).not.toHaveProperty('subject');
    expect(fixed).not.toHaveProperty('message');
    expect(fixed).not.toHaveProperty('sendAt');
    expect(BroadcastDraft.safeParse(fixed).success).toBe(true);
  });

  it('reads a local date and time as the instant it is in the browser’s time zone', () => {
    expect(localToUtcIso('2026-12-24T15:00')).toBe(new Date(2026, 11, 24, 15, 0).toISOString());
    expect(localToUtcIso('2026-12-24T15:00:30')).toBe(new Date(2026, 11, 24, 15, 0, 30).toISOString());
    expect(localToUtcIso('')).toBeNull();
    expect(localToUtcIso('tomorrow')).toBeNull();
    expect(localToUtcIso('2026-13-45T99:00')).toBeNull();
  });
});

describe('what the form refuses before sending', () => {
  const base = { ...emptyDraft('placement'), templateId: TEMPLATE };

  it('names the fields the server would name', () => {
    expect(draftProblems(base, false, NOW)).toEqual({});
    expect(Object.keys(draftProblems({ ...base, templateId: '' }, false, NOW))).toEqual(['templateId']);
    const levels = (text: string) =>
      draftProblems({ ...base, audience: { ...base.audience, levels: text } }, false, NOW);
    for (const bad of ['0', '3-1', 'one', '1,2'])
      expect(levels(bad)['audience.levels']?.key).toBe('form.format.levels');
    for (const good of ['1', '1-3', '2-', '']) expect(levels(good)).toEqual({});
    // Levels of another scope are not sent, so not checked.
    expect(draftProblems({ ...base, audience: { ...emptyAudience('enroller'), levels: 'x' } }, false, NOW)).toEqual({});

    const ranks = draftProblems({ ...base, audience: { ...base.audience, minRank: '4', maxRank: '2' } }, false, NOW);
    expect(ranks['audience.maxRank']?.key).toBe('comms.problem.rankOrder');
    expect(draftProblems({ ...base, extraRecipient: 'not an address' }, false, NOW).extraRecipient?.key).toBe(
      'form.format.email',
    );
  });

  it('asks for the own text, one subject line, and merge fields from the list without {{message}}', () => {
    expect(draftProblems(base, true, NOW)).toMatchObject({
      subject: { key: 'form.rule.required' },
      message: { key: 'form.rule.required' },
    });
    const problems = draftProblems(
      { ...base, subject: 'Hi {{firstname}}', message: 'See {{message}} and {{siteLink}}' },
      true,
      NOW,
    );
    expect(problems.subject).toEqual({ key: 'comms.problem.unknownFields', params: { fields: '{{firstname}}' } });
    expect(problems.message).toEqual({ key: 'comms.problem.unknownFields', params: { fields: '{{message}}' } });
    expect(draftProblems({ ...base, subject: 'a\nb', message: 'x' }, true, NOW).subject?.key).toBe(
      'comms.problem.oneLine',
    );
    // A text the fields of which the server would also refuse is refused here (the list is the same).
    expect(
      BroadcastDraft.safeParse({ ...draftBody({ ...base, subject: 'Hi {{firstname}}', message: 'x' }, true) }).success,
    ).toBe(false);
  });

  it('takes a time between now and 90 days ahead', () => {
    const at = (sendAt: string) => draftProblems({ ...base, when: 'later', sendAt }, false, NOW).sendAt?.key;
    expect(at('')).toBe('comms.problem.sendAt');
    expect(at(local(NOW - 60_000))).toBe('comms.problem.past');
    expect(at(local(NOW + 91 * 86_400_000))).toBe('comms.problem.tooFar');
    expect(at(local(NOW + 2 * 86_400_000))).toBeUndefined();
    // A time typed while "now" is chosen is not sent, so not checked.
    expect(draftProblems({ ...base, when: 'now', sendAt: 'junk' }, false, NOW)).toEqual({});
  });
});

describe('server errors the form does not show a field for', () => {
  it('are said with the form, not lost', () => {
    const placement = { ...emptyDraft('placement') };
    const errors = {
      subject: 'own subject not allowed',
      'audience.levels': 'bad levels',
      'audience.enrollees': 'enroller only',
      sendAt: 'in the past',
      idempotencyKey: 'used',
    };
    expect(errorsOutside(errors, (path) => composeShows(path, placement, false))).toEqual([
      'own subject not allowed',
      'enroller only',
      'in the past',
      'used',
    ]);
    const later = { ...placement, when: 'later' as const };
    expect(errorsOutside(errors, (path) => composeShows(path, later, true))).toEqual(['enroller only', 'used']);
    const sponsor = { ...placement, audience: emptyAudience('sponsor') };
    expect(composeShows('audience.scope', sponsor, false)).toBe(true);
    expect(composeShows('audience.minRank', sponsor, false)).toBe(false);
    const company = { ...placement, audience: emptyAudience('company') };
    expect(composeShows('audience.scope', company, false)).toBe(false);
    expect(composeShows('audience.kinds', company, false)).toBe(true);
    expect(composeShows('audience.kinds', placement, false)).toBe(false);
  });
});

describe('merge-field chips', () => {
  it('put {{name}} in place of the selection, or at the caret, and say where the caret goes', () => {
    expect(insertMergeField('Hello !', 6, 6, 'firstName')).toEqual({ text: 'Hello {{firstName}}!', caret: 19 });
    expect(insertMergeField('Hello NAME!', 6, 10, 'firstName')).toEqual({ text: 'Hello {{firstName}}!', caret: 19 });
    expect(insertMergeField('Hi ', null, null, 'rank')).toEqual({ text: 'Hi {{rank}}', caret: 11 });
    expect(insertMergeField('', 40, 50, 'rank')).toEqual({ text: '{{rank}}', caret: 8 });
  });

  it('offer {{message}} only in a template’s body, and name every field in both languages', () => {
    expect(mergeFieldsFor(false)).not.toContain('message');
    expect(mergeFieldsFor(true)).toEqual(MERGE_FIELD_NAMES);
    for (const name of MERGE_FIELD_NAMES) {
      expect(english).toHaveProperty([MERGE_FIELD_LABELS[name]]);
      expect(spanish).toHaveProperty([MERGE_FIELD_LABELS[name]]);
    }
  });
});

describe('one compose, one broadcast', () => {
  it('makes an idempotency key the API takes, a new one each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(IdempotencyKey.safeParse(key).success).toBe(true);
  });
});

describe('a broadcast’s progress', () => {
  const counts = {
    recipients: 10,
    excluded: { optedOut: 1, bounced: 0, noEmail: 2 },
    queued: 10,
    sent: 6,
    suppressed: 1,
    bounced: 1,
    failed: 1,
  };

  it('is followed while resolving, sending, or due; not once sent, canceled or scheduled for later', () => {
    const at = (status: 'scheduled' | 'resolving' | 'sending' | 'sent' | 'canceled', sendAt = '2026-05-01T11:00:00Z') =>
      inProgress({ status, sendAt }, NOW);
    expect(at('resolving')).toBe(true);
    expect(at('sending')).toBe(true);
    expect(at('scheduled')).toBe(true);
    expect(at('scheduled', '2026-05-02T00:00:00Z')).toBe(false);
    expect(at('sent')).toBe(false);
    expect(at('canceled')).toBe(false);
  });

  it('counts settled mails (sent, suppressed, failed) of the recipients; no total while they are counted', () => {
    expect(progressOf({ status: 'sending', counts })).toEqual({ done: 8, total: 10 });
    expect(progressOf({ status: 'resolving', counts: { ...counts, recipients: 4 } })).toEqual({ done: 8, total: null });
    // Never more done than the total (the extra recipient is outside the audience's count).
    expect(progressOf({ status: 'sent', counts: { ...counts, recipients: 7, queued: 8 } })).toEqual({
      done: 8,
      total: 8,
    });
  });
});

describe('an audience in words', () => {
  const names = { rank: (rank: number) => `R${rank}`, country: (code: string) => `<${code}>` };

  it('says the scope and each filter', () => {
    expect(audienceSummary({ scope: 'placement', levels: '1 - 3' }, names)).toBe(
      'comms.summary.placementLevels {"levels":"1-3"} · comms.summary.partners · comms.summary.active',
    );
    expect(
      audienceSummary(
        {
          scope: 'company',
          kinds: ['customer'],
          statuses: ['active', 'inactive'],
          minRank: 2,
          maxRank: 4,
          countries: ['US', 'MX'],
        },
        names,
      ),
    ).toBe(
      'comms.summary.company · comms.summary.customers · comms.summary.anyStatus · comms.summary.rankRange {"from":"R2","to":"R4"} · <US>, <MX>',
    );
    expect(audienceSummary({ scope: 'enroller', enrollees: 'all', minRank: 3 }, names)).toBe(
      'comms.summary.enrollerAll · comms.summary.kindsBoth · comms.summary.active · comms.summary.rankFrom {"rank":"R3"}',
    );
    expect(audienceSummary({ scope: 'sponsor' }, names)).toBe('comms.summary.sponsor');
  });
});

describe('the template editor', () => {
  const filled = () => {
    const draft = templateDraftOf();
    draft.name = ' Team news ';
    draft.content.en = { subject: 'News for {{firstName}}', body: 'Hi {{firstName}},\n\n{{message}}' };
    draft.content.es = { subject: 'Noticias para {{firstName}}', body: 'Hola {{firstName}},\n\n{{message}}' };
    return draft;
  };

  it('sends a body the API takes', () => {
    const body = templateBody({ ...filled(), description: '  ' });
    expect(body.name).toBe('Team news');
    expect(body).not.toHaveProperty('description');
    expect(TemplateInput.safeParse(body).success).toBe(true);
    expect(templateProblems(filled())).toEqual({});
  });

  it('refuses unknown merge fields (and {{message}} in a subject) at the path the API names, and opens that language', () => {
    const draft = filled();
    draft.content.es.body = 'Hola {{nombre}}';
    draft.content.es.subject = '{{message}}';
    const problems = templateProblems(draft);
    expect(problems).toEqual({
      'content.es.subject': { key: 'comms.problem.unknownFields', params: { fields: '{{message}}' } },
      'content.es.body': { key: 'comms.problem.unknownFields', params: { fields: '{{nombre}}' } },
    });
    expect(TemplateInput.safeParse(templateBody(draft)).success).toBe(false);
    expect(languageWithError({ 'content.es.body': 'x' })).toBe('es');
    expect(languageWithError({ name: 'x', 'content.en.subject': 'y', 'content.es.body': 'z' })).toBe('en');
    expect(languageWithError({ name: 'x' })).toBeNull();
  });

  it('asks for a name and both languages', () => {
    expect(Object.keys(templateProblems(templateDraftOf())).sort()).toEqual([
      'content.en.body',
      'content.en.subject',
      'content.es.body',
      'content.es.subject',
      'name',
    ]);
  });
});
