import { ForbiddenError, RuleError } from '@arbor/shared/errors';
import { fieldChanges } from '@arbor/shared/members/changes';
import { isStaff, type Member, type MemberStatus } from '@arbor/shared/members/model';
import { STAFF_ONLY_FIELDS, type ProfileUpdateBody } from '@arbor/shared/members/requests';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { revokeAllSessions } from '../auth/sessions.js';
import { sendEmail } from '../email/send.js';
import { emailChangedEmail } from '../email/templates.js';
import { getCompanySettings } from '../company/repository.js';
import { encryptField } from '../lib/field-crypto.js';
import { verifyUpload } from '../lib/uploads.js';
import { withSuppressionOf } from './email-suppression.js';
import { saveMember, staleMemberVersion } from './repository.js';

/**
 * Applies a profile edit by the member itself or by staff (who may also change names, document, market). The
 * membership level has its own staff action (level.ts), so it changes one way only.
 */
export async function updateProfile(member: Member, body: ProfileUpdateBody, actor: Principal): Promise<Member> {
  const staff = isStaff(actor.role);
  if (!staff) {
    const forbidden = STAFF_ONLY_FIELDS.filter((field) => body[field] !== undefined);
    if (forbidden.length > 0) {
      throw new ForbiddenError(`Only support can change ${forbidden.join(', ')}; call support for that.`);
    }
  }
  // Staff changing someone else's account say why: the reason goes into the member's log with the old and new values.
  const onBehalf = staff && actor.memberId !== member.id;
  if (onBehalf && !body.reason) {
    throw new RuleError('reason_required', 'Say why you change this member’s account: it goes into its log.', [
      { field: 'body.reason', rule: 'required', message: 'body.reason: is required when staff edit a member' },
    ]);
  }
  if (body.version !== member.version) throw staleMemberVersion();
  const settings = await getCompanySettings();
  if (body.market !== undefined && !settings?.markets.some((m) => m.code === body.market)) {
    throw new RuleError('unknown_market', 'Not a market of this company.', [
      { field: 'body.market', rule: 'unknown_market', message: 'body.market: is not a market of this company' },
    ]);
  }
  if (body.avatarKey) await verifyUpload('avatar', member.id, body.avatarKey, 'body.avatarKey');

  const { version: _version, reason: _reason, document, deliveryAddresses, avatarKey, siteName, ...simple } = body;
  const after: Member = { ...member };
  for (const [key, value] of Object.entries(simple)) {
    if (value === null) delete (after as Record<string, unknown>)[key];
    else if (value !== undefined) (after as Record<string, unknown>)[key] = value;
  }
  if (body.firstName !== undefined || body.lastName !== undefined) {
    if (body.displayName === undefined) after.displayName = `${after.firstName} ${after.lastName}`;
  }
  if (deliveryAddresses) after.deliveryAddresses = deliveryAddresses.map((a) => ({ ...a, id: a.id ?? randomUUID() }));
  if (avatarKey !== undefined) {
    if (avatarKey === null) delete after.avatarKey;
    else after.avatarKey = avatarKey;
  }
  if (siteName !== undefined) {
    if (siteName === null) delete after.siteName;
    else after.siteName = siteName;
  }
  if (document) {
    after.document = {
      type: document.type,
      country: document.country,
      number: await encryptField(document.number, { memberId: member.id, field: 'document' }),
    };
  }
  const fields = Object.keys(body).filter((k) => k !== 'version' && k !== 'reason');
  if (fields.includes('firstName') || fields.includes('lastName')) fields.push('displayName');
  const changes = fieldChanges(
    member as unknown as Record<string, unknown>,
    after as unknown as Record<string, unknown>,
    [...new Set(fields)],
  );
  const newEmail = after.email.toLowerCase() !== member.email.toLowerCase();
  // A new address brings its own suppression (or none), written with the change.
  const saved = await saveMember(member, newEmail ? await withSuppressionOf(after) : after, body.version, {
    actorId: actor.memberId,
    action: onBehalf ? 'support.profile_updated' : 'profile.updated',
    detail: { fields: Object.keys(changes), changes },
    ...(body.reason ? { reason: body.reason } : {}),
  });
  if (newEmail) await emailChanged(member, saved, actor);
  return saved;
}

/**
 * The email is where password resets go, so changing it could hand the
 * account to someone else: the old address is told, and the member's sessions
 * end (all of them when someone else changed it; the others when it was the
 * member itself, which stays signed in where it made the change).
 */
async function emailChanged(before: Member, after: Member, actor: Principal): Promise<void> {
  // Sessions first: ending them must not wait on the mail queue.
  await revokeAllSessions(after.id, actor.memberId === after.id ? actor.family : undefined);
  await sendEmail(emailChangedEmail(before.email, after, after.email));
}

export async function setTaxId(member: Member, taxId: string, actor: Principal): Promise<Member> {
  const after: Member = { ...member, taxId: await encryptField(taxId, { memberId: member.id, field: 'taxId' }) };
  return saveMember(member, after, member.version, { actorId: actor.memberId, action: 'tax_id.updated' });
}

export async function changeStatus(
  member: Member,
  status: MemberStatus,
  reason: string,
  actor: Principal,
): Promise<Member> {
  if (member.status === status) return member;
  const after: Member = { ...member, status, statusChangedAt: new Date().toISOString() };
  return saveMember(member, after, member.version, {
    actorId: actor.memberId,
    action: 'status.changed',
    detail: { from: member.status, to: status },
    reason,
  });
}

export async function setDirectDeposit(
  member: Member,
  input: { holder: string; bankName: string; routingNumber: string; accountNumber: string },
  actor: Principal,
): Promise<Member> {
  const after: Member = {
    ...member,
    directDeposit: {
      holder: input.holder,
      bankName: input.bankName,
      routingNumber: await encryptField(input.routingNumber, { memberId: member.id, field: 'routingNumber' }),
      accountNumber: await encryptField(input.accountNumber, { memberId: member.id, field: 'accountNumber' }),
      updatedAt: new Date().toISOString(),
    },
  };
  return saveMember(member, after, member.version, { actorId: actor.memberId, action: 'direct_deposit.updated' });
}
