/**
 * The enrollment form's state and how it becomes the API's body: the quick form sends the first
 * block of EnrollmentBody, the extended form adds contacts, delivery addresses, uploaded documents,
 * a username and a tax id. Validated in the browser with the same zod schema the server uses.
 */
import { defaultLevel, type MembershipLevel } from '@arbor/shared/company';
import type { DocumentType, Gender } from '@arbor/shared/members/model';
import { EnrollmentBody } from '@arbor/shared/members/requests';
import {
  addressBody,
  deliveryBody,
  emptyAddress,
  withOneDefault,
  type AddressDraft,
  type DeliveryDraft,
} from './addresses';
import { optional, zodFieldErrors, type FieldErrors } from './forms';
import { t } from './i18n/index.svelte';

export type EnrollmentMode = 'quick' | 'extended';
export type EnrollmentKind = 'partner' | 'customer';

export interface EnrollmentDraft {
  mode: EnrollmentMode;
  kind: EnrollmentKind;
  level: string;
  sponsorId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  password: string;
  username: string;
  language: 'en' | 'es';
  market: string;
  dateOfBirth: string;
  gender: Gender | '';
  address: AddressDraft;
  document: { type: DocumentType; country: string; number: string };
  acceptTerms: boolean;
  contacts: { emails: string[]; phones: { label: string; number: string }[] };
  deliveryAddresses: DeliveryDraft[];
  taxId: string;
}

export function emptyDraft(options: {
  kind: EnrollmentKind;
  market: string;
  language: 'en' | 'es';
  levels: readonly MembershipLevel[];
}): EnrollmentDraft {
  return {
    mode: 'quick',
    kind: options.kind,
    level: defaultLevel(options.levels, options.kind),
    sponsorId: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    password: '',
    username: '',
    language: options.language,
    market: options.market,
    dateOfBirth: '',
    gender: '',
    address: emptyAddress(options.market),
    document: { type: 'national_id', country: options.market, number: '' },
    acceptTerms: false,
    contacts: { emails: [], phones: [] },
    deliveryAddresses: [],
    taxId: '',
  };
}

/** The body the API takes; blanks are left out rather than sent empty. */
export function enrollmentBody(draft: EnrollmentDraft, options: { staff: boolean; documentKeys: string[] }) {
  const extended = draft.mode === 'extended';
  const dateOfBirth = optional(draft.dateOfBirth);
  const sponsorId = optional(draft.sponsorId);
  const username = optional(draft.username);
  const taxId = optional(draft.taxId);
  const emails = draft.contacts.emails.map((e) => e.trim()).filter(Boolean);
  const phones = draft.contacts.phones
    .map((p) => ({ label: p.label.trim(), number: p.number.trim() }))
    .filter((p) => p.label || p.number);
  return {
    kind: draft.kind,
    level: draft.level,
    ...(options.staff && sponsorId ? { sponsorId } : {}),
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    email: draft.email.trim(),
    phone: draft.phone.trim(),
    password: draft.password,
    language: draft.language,
    market: draft.market,
    address: addressBody(draft.address),
    document: { type: draft.document.type, country: draft.document.country, number: draft.document.number.trim() },
    ...(dateOfBirth ? { dateOfBirth } : {}),
    acceptTerms: draft.acceptTerms,
    ...(extended
      ? {
          ...(username ? { username } : {}),
          ...(draft.gender ? { gender: draft.gender } : {}),
          ...(emails.length || phones.length ? { contacts: { emails, phones } } : {}),
          ...(draft.deliveryAddresses.length
            ? { deliveryAddresses: withOneDefault(draft.deliveryAddresses).map(deliveryBody) }
            : {}),
          ...(options.documentKeys.length ? { documentKeys: options.documentKeys } : {}),
          ...(taxId ? { taxId } : {}),
        }
      : {}),
  };
}
export type EnrollmentDraftBody = ReturnType<typeof enrollmentBody>;
/** A body the API takes: the terms accepted (validateEnrollment checks the rest with the API's own schema). */
export type EnrollmentRequest = EnrollmentDraftBody & { acceptTerms: true };
export const acceptsTerms = (body: EnrollmentDraftBody): body is EnrollmentRequest => body.acceptTerms;

function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/**
 * The shared schema's verdict, plus the rules the server checks against the company and the
 * sponsor that the browser can know too: partners give a birth date and are adults, and staff
 * name the sponsor.
 */
export function validateEnrollment(body: EnrollmentDraftBody, options: { staff: boolean }): FieldErrors {
  const parsed = EnrollmentBody.safeParse(body);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  if (body.kind === 'partner' && !errors.dateOfBirth) {
    if (!body.dateOfBirth) errors.dateOfBirth = t('enroll.dobRequired');
    else if (ageOn(body.dateOfBirth, new Date()) < 18) errors.dateOfBirth = t('form.rule.too_young');
  }
  if (options.staff && !('sponsorId' in body && body.sponsorId) && !errors.sponsorId) {
    errors.sponsorId = t('form.rule.required');
  }
  return errors;
}
