import type { Member } from '@arbor/shared/members/model';
import { suppressionOf, type SuppressionReason } from '../email/repository.js';
import { findMemberByEmail, markEmailSuppressed } from './repository.js';

/**
 * A member's `emailSuppressed` follows its address: SES's bounces and
 * complaints mark the member who has the address, and a member given an
 * address (enrollment, an email change) takes that address's suppression, or
 * none. The genealogy stream copies the result into the audience entries.
 */

/** The member (not yet saved) with `emailSuppressed` as its address's suppression record says. */
export async function withSuppressionOf(member: Member): Promise<Member> {
  const { emailSuppressed: _previous, ...rest } = member;
  const suppression = await suppressionOf(member.email);
  return suppression ? { ...rest, emailSuppressed: suppression.reason } : rest;
}

/** Marks the member who has a suppressed address, if any (idempotent). */
export async function markMemberSuppressed(address: string, reason: SuppressionReason): Promise<void> {
  const member = await findMemberByEmail(address);
  if (member) await markEmailSuppressed(member.id, member.email, reason);
}
