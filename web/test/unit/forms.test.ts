import { describe, expect, it, vi } from 'vitest';

// The real i18n module holds Svelte state; here `t` returns the key and its parameters, so the
// tests see which message was chosen.
vi.mock('../../src/lib/i18n/index.svelte', () => import('./i18n-mock'));

const { ApiError } = await import('../../src/lib/api');
const { apiFieldErrors, errorsUnder, formError } = await import('../../src/lib/forms');
const { emptyDraft, enrollmentBody, validateEnrollment } = await import('../../src/lib/enrollment');
const { withOneDefault } = await import('../../src/lib/addresses');
const { DEFAULT_LEVELS } = await import('@arbor/shared/company');

function filledDraft() {
  const draft = emptyDraft({ kind: 'partner', market: 'US', language: 'en', levels: DEFAULT_LEVELS });
  Object.assign(draft, {
    firstName: ' Ana ',
    lastName: 'Pérez',
    email: 'ana@example.com',
    phone: '+1 555 0100',
    password: 'a long enough password',
    dateOfBirth: '1990-04-12',
    acceptTerms: true,
  });
  draft.address = { line1: '1 Main St', line2: ' ', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' };
  draft.document.number = 'DL-1234';
  return draft;
}

describe('server field errors', () => {
  it('maps `body.` paths to form paths, in the member language, keeping the first per field', () => {
    const error = new ApiError(409, 'already_taken', 'taken', [
      { field: 'body.email', rule: 'taken', message: 'body.email: already has an account' },
      { field: 'body.address.postalCode', rule: 'too_small', message: 'body.address.postalCode: >=2 characters' },
      {
        field: 'body.contacts.phones.1.label',
        rule: 'too_big',
        message: 'body.contacts.phones.1.label: <=40 characters',
      },
      { field: 'body.contacts.phones.0.number', rule: 'invalid_format', message: 'body.contacts...: bad' },
      { field: 'body.email', rule: 'other', message: 'second' },
      { message: 'no field' },
    ]);
    expect(apiFieldErrors(error)).toEqual({
      email: 'form.rule.taken',
      'address.postalCode': 'form.rule.tooShort {"min":2}',
      'contacts.phones.0.number': 'form.format.number',
      'contacts.phones.1.label': 'form.rule.tooLong {"max":40}',
    });
    expect(errorsUnder(apiFieldErrors(error), 'address')).toEqual({ postalCode: 'form.rule.tooShort {"min":2}' });
  });

  it('keeps the server text, without the field prefix, for a rule it does not know', () => {
    const error = new ApiError(422, 'odd_rule', 'x', [
      { field: 'body.level', rule: 'odd_rule', message: 'body.level: is odd' },
    ]);
    expect(apiFieldErrors(error)).toEqual({ level: 'is odd' });
    expect(formError(new ApiError(409, 'version_conflict', 'stale'))).toBe('apiError.version_conflict');
    expect(formError(new Error('boom'))).toBe('common.error');
  });
});

describe('enrollment body', () => {
  it('sends the quick block only, trimmed, with blanks left out', () => {
    const draft = filledDraft();
    draft.username = 'ana.perez';
    draft.taxId = 'TX-1234';
    const body = enrollmentBody(draft, { staff: false, documentKeys: ['documents/pending/x'] });
    expect(body.firstName).toBe('Ana');
    expect(body.address).toEqual({
      line1: '1 Main St',
      city: 'Austin',
      region: 'TX',
      postalCode: '73301',
      country: 'US',
    });
    expect(body).not.toHaveProperty('username');
    expect(body).not.toHaveProperty('taxId');
    expect(body).not.toHaveProperty('documentKeys');
    expect(body).not.toHaveProperty('sponsorId');
    expect(validateEnrollment(body, { staff: false })).toEqual({});
  });

  it('adds the extended block: contacts, one default delivery address, documents', () => {
    const draft = filledDraft();
    draft.mode = 'extended';
    draft.contacts.emails = ['  ', 'other@example.com'];
    draft.deliveryAddresses = [
      { label: 'Home', recipient: '', isDefault: false, ...draft.address },
      { label: 'Work', recipient: 'Ana', isDefault: false, ...draft.address },
    ];
    const body = enrollmentBody(draft, { staff: true, documentKeys: ['documents/pending/x'] });
    expect(body.contacts).toEqual({ emails: ['other@example.com'], phones: [] });
    expect(body.deliveryAddresses?.map((a) => a.isDefault)).toEqual([true, false]);
    expect(body.documentKeys).toEqual(['documents/pending/x']);
    // Staff must name the sponsor.
    expect(validateEnrollment(body, { staff: true })).toEqual({ sponsorId: 'form.rule.required' });
  });

  it('reports the shared schema and the partner rules per field', () => {
    const draft = filledDraft();
    draft.email = 'not an email';
    draft.dateOfBirth = '2015-01-01';
    draft.acceptTerms = false;
    draft.document.number = '!';
    const errors = validateEnrollment(enrollmentBody(draft, { staff: false, documentKeys: [] }), { staff: false });
    expect(errors).toEqual({
      email: 'form.format.email',
      'document.number': 'form.format.number',
      acceptTerms: 'form.format.acceptTerms',
      dateOfBirth: 'form.rule.too_young',
    });
    draft.kind = 'customer';
    draft.level = 'customer';
    const customer = validateEnrollment(enrollmentBody(draft, { staff: false, documentKeys: [] }), { staff: false });
    expect(customer).not.toHaveProperty('dateOfBirth');
  });

  it('keeps exactly one default delivery address', () => {
    expect(withOneDefault([{ isDefault: false }, { isDefault: true }, { isDefault: true }])).toEqual([
      { isDefault: false },
      { isDefault: true },
      { isDefault: false },
    ]);
    expect(withOneDefault([{ isDefault: false }]).map((a) => a.isDefault)).toEqual([true]);
  });
});
