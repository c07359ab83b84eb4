import { describe, expect, it } from 'vitest';
import { Audience, mailabilityOf, parseLevelRange, passesFilters, resolveAudience } from '../src/comms/audience.js';
import { applyMergeFields, unknownMergeFields } from '../src/comms/merge.js';
import { BroadcastDraft, TemplateInput } from '../src/comms/model.js';
import { renderBroadcastMail } from '../src/comms/render.js';

describe('level ranges', () => {
  it.each([
    ['1', { from: 1, to: 1 }],
    ['1-3', { from: 1, to: 3 }],
    [' 2 - 5 ', { from: 2, to: 5 }],
    ['2-', { from: 2 }],
  ])('%s parses', (text, range) => expect(parseLevelRange(text)).toEqual(range));

  it.each(['', '0', '3-1', 'a', '1-2-3', '-2', '1000', '1..3'])('%j does not parse', (text) =>
    expect(parseLevelRange(text)).toBeNull(),
  );
});

describe('audience', () => {
  it('fills defaults: active members, partners and customers, every level', () => {
    expect(resolveAudience(Audience.parse({ scope: 'enroller' }))).toMatchObject({
      levels: { from: 1 },
      enrollees: 'all',
      kinds: ['partner', 'customer'],
      statuses: ['active'],
    });
    // The placement tree holds partners only.
    expect(resolveAudience(Audience.parse({ scope: 'placement' })).kinds).toEqual(['partner']);
  });

  it('refuses options of another scope, customers in the placement tree and an upside-down rank range', () => {
    const paths = (input: unknown) =>
      (Audience.safeParse(input).error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(paths({ scope: 'enroller', levels: '1' })).toEqual(['levels']);
    expect(paths({ scope: 'placement', enrollees: 'all' })).toEqual(['enrollees']);
    expect(paths({ scope: 'placement', kinds: ['customer'] })).toEqual(['kinds']);
    expect(paths({ scope: 'company', minRank: 5, maxRank: 3 })).toEqual(['maxRank']);
    expect(paths({ scope: 'company', countries: ['usa'] })).toEqual(['countries.0']);
  });

  it('filters by kind, status, rank range and country', () => {
    const audience = resolveAudience(
      Audience.parse({ scope: 'company', kinds: ['partner'], minRank: 2, maxRank: 4, countries: ['MX'] }),
    );
    const candidate = { kind: 'partner' as const, status: 'active', paidRank: 3, market: 'MX' };
    expect(passesFilters(audience, candidate)).toBe(true);
    expect(passesFilters(audience, { ...candidate, kind: 'customer' })).toBe(false);
    expect(passesFilters(audience, { ...candidate, status: 'canceled' })).toBe(false);
    expect(passesFilters(audience, { ...candidate, paidRank: 5 })).toBe(false);
    expect(passesFilters(audience, { ...candidate, market: 'US' })).toBe(false);
  });

  it('says why an address cannot take a broadcast', () => {
    expect(mailabilityOf({ email: 'a@b.co' })).toBe('ok');
    expect(mailabilityOf({ email: '' })).toBe('none');
    expect(mailabilityOf({ email: 'a@b.co', emailOptOut: true })).toBe('optedOut');
    expect(mailabilityOf({ email: 'a@b.co', emailSuppressed: 'complaint' })).toBe('bounced');
    expect(mailabilityOf({ email: 'a@b.co', emailOptOut: true, emailSuppressed: 'bounce' })).toBe('optedOut');
  });
});

describe('merge fields', () => {
  it('finds unknown fields and forbidden ones', () => {
    expect(unknownMergeFields('Hi {{firstName}}, {{ rank }} {{nombre}} {{}}')).toEqual(['nombre', '']);
    expect(unknownMergeFields('{{message}}', ['message'])).toEqual(['message']);
    expect(unknownMergeFields('no fields')).toEqual([]);
  });

  it('fills known fields, escaping each value, and leaves unknown text alone', () => {
    const html = (v: string) => v.replace(/</g, '&lt;');
    expect(applyMergeFields('Hi {{ firstName }} {{x}}', { firstName: '<b>' }, html)).toBe('Hi &lt;b> {{x}}');
    expect(applyMergeFields('{{lastName}}.', {})).toBe('.');
  });

  it('names the language and part of a template with an unknown field', () => {
    const result = TemplateInput.safeParse({
      name: 'T',
      use: 'partners',
      active: true,
      content: {
        en: { subject: 'Hi {{message}}', body: 'ok {{message}}' },
        es: { subject: 'Hola', body: 'Hola {{nombre}}' },
      },
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['content.en.subject', 'content.es.body']);
  });

  it("refuses {{message}} inside the sender's own text", () => {
    const result = BroadcastDraft.safeParse({
      templateId: 'tpl_000000000000',
      message: 'see {{message}}',
      audience: { scope: 'sponsor' },
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['message']);
  });
});

describe('a rendered broadcast', () => {
  const input = {
    language: 'es' as const,
    content: { subject: 'Hola {{firstName}}', body: '# Noticias\n\n{{message}}\n\n<script>alert(1)</script>' },
    message: 'Mira [esto](javascript:alert(1)) y **esto**, {{firstName}}.',
    values: { firstName: '*Ana*', senderName: 'Luis' },
    footer: {
      companyName: 'Acme',
      postalAddress: '1 Main St, Austin TX',
      unsubscribeUrl: 'https://office.example.com/unsubscribe?m=1&t=x',
      senderName: 'Luis',
    },
  };

  it('puts the text in the template, in the language, with the footer', () => {
    const mail = renderBroadcastMail(input);
    expect(mail.subject).toBe('Hola *Ana*');
    expect(mail.text).toContain('Mira [esto](javascript:alert(1)) y **esto**, *Ana*.');
    expect(mail.text).toContain('formas parte del equipo de Luis en Acme');
    expect(mail.text).toContain('Darte de baja de estos correos: https://office.example.com/unsubscribe?m=1&t=x');
    expect(mail.text).toContain('Acme · 1 Main St, Austin TX');
    expect(mail.html).toContain('<h1>Noticias</h1>');
    expect(mail.html).toContain('<strong>esto</strong>');
  });

  it('cannot script the mail: raw HTML is escaped, javascript: links are not links, merged values stay text', () => {
    const mail = renderBroadcastMail(input);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toMatch(/href="javascript:/i);
    expect(mail.html).toContain('*Ana*');
    expect(mail.html).not.toContain('<em>Ana</em>');
  });

  it('keeps a subject to one line', () => {
    expect(renderBroadcastMail({ ...input, values: { firstName: 'A\r\nBcc: x@y.z' } }).subject).toBe(
      'Hola A Bcc: x@y.z',
    );
  });
});
