import { RuleError } from '@arbor/shared/errors';
import { defaultLevel, type CompanySettings } from '@arbor/shared/company';
import { placementWindowEnds } from '@arbor/shared/genealogy/placement';
import type { Role } from '@arbor/shared/members/model';
import type { EnrollmentBody } from '@arbor/shared/members/requests';
import { memberEnrolledEvent } from '@arbor/shared/integrations/events';
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { getCompanySettings } from '../company/repository.js';
import { sendEmail } from '../email/send.js';
import { welcomeEmail } from '../email/templates.js';
import { env } from '../lib/env.js';
import { encryptField } from '../lib/field-crypto.js';
import { outboxWrite } from '../integrations/repository.js';
import { verifyUpload } from '../lib/uploads.js';
import { withSuppressionOf } from './email-suppression.js';
import { normalizeName } from './names.js';
import { findMemberIdByLogin, getMember, insertMember, nextMemberId } from './repository.js';

const rule = (code: string, field: string, message: string) =>
  new RuleError(code, message, [{ field, rule: code, message: `${field}: ${message}` }]);

/** Who is enrolling: a partner for itself, staff for anyone, or the public through a partner's site. */
export interface EnrollingActor {
  id: string | null;
  role: Role | 'public';
}

/** Uploaded before the account exists: documents go under this owner until enrollment records them. */
export const PENDING_UPLOAD_OWNER = 'pending';

function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

async function availableUsername(body: EnrollmentBody): Promise<string> {
  if (body.username) return body.username;
  const base = normalizeName(`${body.firstName}.${body.lastName}`).replace(/ /g, '.').slice(0, 22) || 'member';
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = `${base}${randomBytes(2).readUInt16BE() % 10_000}`;
    if (!(await findMemberIdByLogin(candidate))) return candidate;
  }
  return `${base}${randomUUID().slice(0, 8)}`;
}

function checkCompanyRules(body: EnrollmentBody, settings: CompanySettings, now: Date): string {
  if (!settings.markets.some((m) => m.code === body.market)) {
    throw rule('unknown_market', 'body.market', `must be one of ${settings.markets.map((m) => m.code).join(', ')}`);
  }
  const level = body.level ?? defaultLevel(settings.membershipLevels, body.kind);
  const known = settings.membershipLevels.find((l) => l.code === level);
  if (!known || known.kind !== body.kind) {
    throw rule('unknown_level', 'body.level', `is not a ${body.kind} membership level of this company`);
  }
  if (body.kind === 'partner') {
    if (!body.dateOfBirth) throw rule('required', 'body.dateOfBirth', 'is required for partners');
    if (ageOn(body.dateOfBirth, now) < 18) throw rule('too_young', 'body.dateOfBirth', 'partners must be 18 or older');
  }
  if (body.dateOfBirth && Date.parse(body.dateOfBirth) > now.getTime()) {
    throw rule('in_future', 'body.dateOfBirth', 'cannot be in the future');
  }
  return level;
}

/**
 * Enrolls a partner or a customer under a sponsor. Everything that belongs
 * together goes in one transaction: the profile, its credentials, the unique
 * username and email, the log entry and the member.enrolled event (webhooks). A taken name or email fails the
 * whole write, so nothing is half-made. The genealogy stream then indexes
 * the new member under its uplines; the welcome email goes through the queue.
 */
export async function enrollMember(body: EnrollmentBody, sponsorId: string, actor: EnrollingActor, now = new Date()) {
  const settings = await getCompanySettings();
  if (!settings) throw new Error('company settings are missing');
  const level = checkCompanyRules(body, settings, now);

  const sponsor = await getMember(sponsorId);
  if (!sponsor) throw rule('unknown_sponsor', 'body.sponsorId', `no member has ID ${sponsorId}`);
  if (sponsor.kind !== 'partner') throw rule('sponsor_not_partner', 'body.sponsorId', 'the sponsor must be a partner');
  if (sponsor.status === 'canceled') throw rule('sponsor_canceled', 'body.sponsorId', 'the sponsor is canceled');

  for (const [index, key] of (body.documentKeys ?? []).entries()) {
    await verifyUpload('document', PENDING_UPLOAD_OWNER, key, `body.documentKeys.${index}`);
  }

  const username = await availableUsername(body);
  const id = await nextMemberId();
  const enrolledAt = now.toISOString();
  const isPartner = body.kind === 'partner';
  // An address SES already reported (a bounce, a complaint) comes with its suppression.
  const member = await withSuppressionOf({
    id,
    kind: body.kind,
    role: body.kind,
    level,
    status: 'active',
    statusChangedAt: enrolledAt,
    firstName: body.firstName,
    lastName: body.lastName,
    displayName: `${body.firstName} ${body.lastName}`,
    username,
    email: body.email,
    phone: body.phone,
    market: body.market,
    language: body.language,
    sponsorId: sponsor.id,
    // A new partner waits under its sponsor; the sponsor may place it elsewhere within the window.
    placementId: isPartner ? sponsor.id : null,
    sponsorPath: [...sponsor.sponsorPath, sponsor.id],
    placementPath: isPartner ? [...sponsor.placementPath, sponsor.id] : [],
    placementWindowEndsAt: isPartner
      ? placementWindowEnds(enrolledAt, settings.placementWindowDays).toISOString()
      : null,
    enrolledAt,
    firstPaidAt: null,
    paidRank: 1,
    highestRank: 1,
    address: body.address,
    ...(body.deliveryAddresses
      ? { deliveryAddresses: body.deliveryAddresses.map((a) => ({ ...a, id: randomUUID() })) }
      : {}),
    ...(body.contacts ? { contacts: body.contacts } : {}),
    ...(body.dateOfBirth ? { dateOfBirth: body.dateOfBirth } : {}),
    ...(body.gender ? { gender: body.gender } : {}),
    document: {
      type: body.document.type,
      country: body.document.country,
      number: await encryptField(body.document.number, { memberId: id, field: 'document' }),
    },
    ...(body.taxId ? { taxId: await encryptField(body.taxId, { memberId: id, field: 'taxId' }) } : {}),
    // Documents sent with the enrollment wait for support's review.
    ...(body.documentKeys?.length
      ? { documentKeys: body.documentKeys, identity: { status: 'pending' as const, submittedAt: enrolledAt } }
      : {}),
    emailOptOut: false,
    termsAcceptedAt: enrolledAt,
    version: 1,
  });

  await insertMember(
    member,
    {
      memberId: id,
      passwordHash: await hashPassword(body.password),
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: enrolledAt,
    },
    {
      at: enrolledAt,
      actorId: actor.id ?? 'public',
      action: 'member.enrolled',
      detail: { kind: body.kind, level, sponsorId: sponsor.id, via: actor.role },
    },
    [outboxWrite(memberEnrolledEvent(member))],
  );

  await sendEmail(welcomeEmail(member.email, member.firstName, member.language, member, `${env.appUrl()}/sign-in`));
  return member;
}
