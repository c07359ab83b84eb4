import { AppError, RuleError } from '@arbor/shared/errors';
import type { Identity, IdentityStatus, Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { sendEmail } from '../email/send.js';
import { signedUrl, verifyUpload } from '../lib/uploads.js';
import { identityDecisionEmail } from './identity-mail.js';
import { appendMemberLog, getMember, saveMember } from './repository.js';

/** Identity documents a member may keep on file. */
export const MAX_IDENTITY_DOCUMENTS = 10;
/** How long a link to a document works: long enough to open it, short enough not to be passed around. */
export const DOCUMENT_LINK_SECONDS = 300;

export const identityStatusOf = (member: Pick<Member, 'identity'>): IdentityStatus => member.identity?.status ?? 'none';

/** The identity as the member and staff read it (who reviewed stays with staff: the log has it). */
export const identityView = (member: Pick<Member, 'identity'>) => ({
  status: identityStatusOf(member),
  submittedAt: member.identity?.submittedAt ?? null,
  reviewedAt: member.identity?.reviewedAt ?? null,
  reason: member.identity?.reason ?? null,
});

/** A conflicting save whose goal the winner already reached answers the member as it is now. */
async function settledMeanwhile(error: unknown, memberId: string, reached: (member: Member) => boolean) {
  if (!(error instanceof AppError) || error.status !== 409) throw error;
  const now = await getMember(memberId, { consistent: true });
  if (now && reached(now)) return now;
  throw error;
}

/**
 * Puts an uploaded identity document on file (the member itself, or staff for it): the upload must be the
 * member's own document upload (checked in S3: size and real type), and the identity check becomes `pending`
 * until support reviews it, whatever it was. The same key again changes nothing.
 */
export async function addIdentityDocument(member: Member, key: string, actor: Principal): Promise<Member> {
  const keys = member.documentKeys ?? [];
  if (keys.includes(key)) return member;
  if (keys.length >= MAX_IDENTITY_DOCUMENTS) {
    throw new RuleError('too_many_documents', `At most ${MAX_IDENTITY_DOCUMENTS} identity documents are kept.`, [
      { field: 'body.key', rule: 'too_many_documents', message: `body.key: ${MAX_IDENTITY_DOCUMENTS} are on file` },
    ]);
  }
  await verifyUpload('document', member.id, key, 'body.key');
  const at = new Date().toISOString();
  const identity: Identity = { status: 'pending', submittedAt: at };
  const onBehalf = actor.memberId !== member.id;
  try {
    return await saveMember(member, { ...member, documentKeys: [...keys, key], identity }, member.version, {
      actorId: actor.memberId,
      action: onBehalf ? 'support.identity_document_added' : 'identity.document_added',
      detail: { from: identityStatusOf(member), to: 'pending', documents: keys.length + 1 },
    });
  } catch (error) {
    return settledMeanwhile(error, member.id, (now) => (now.documentKeys ?? []).includes(key));
  }
}

/**
 * The member's identity documents for support to review, each through a link that works for a few minutes.
 * Looking is a read of sensitive data, so each look goes into the member's log (`support.viewed`).
 */
export async function identityDocumentsFor(member: Member, viewer: Principal) {
  const keys = member.documentKeys ?? [];
  const expiresAt = new Date(Date.now() + DOCUMENT_LINK_SECONDS * 1000).toISOString();
  const documents = await Promise.all(
    keys.map(async (key, index) => ({
      number: index + 1,
      url: await signedUrl(key, DOCUMENT_LINK_SECONDS),
      expiresAt,
    })),
  );
  await appendMemberLog(member.id, {
    actorId: viewer.memberId,
    action: 'support.viewed',
    detail: { fields: ['identityDocuments'], documents: keys.length },
  });
  return { identity: identityView(member), documents };
}

/**
 * Support approves or rejects the identity documents on file (a rejection says why). The decision, who made it
 * and why go on the profile and into the log in one write; the member is mailed the decision. Deciding what is
 * already decided changes nothing and mails nothing, so a repeated request (or ten in parallel) applies once.
 */
export async function reviewIdentity(
  member: Member,
  decision: 'approved' | 'rejected',
  reason: string | undefined,
  actor: Principal,
): Promise<Member> {
  // Identity verification is for members (payouts, compliance); a staff account is vouched for by its admin.
  if (member.kind === 'staff') {
    throw new RuleError('not_a_member', 'Staff accounts are not verified here.', [
      { field: 'params.id', rule: 'not_a_member', message: 'params.id: is a staff account' },
    ]);
  }
  if ((member.documentKeys ?? []).length === 0) {
    throw new RuleError('no_documents', 'This member has no identity document on file to review.', [
      { field: 'body.decision', rule: 'no_documents', message: 'body.decision: no document on file' },
    ]);
  }
  if (identityStatusOf(member) === decision) return member;
  const identity: Identity = {
    status: decision,
    ...(member.identity?.submittedAt ? { submittedAt: member.identity.submittedAt } : {}),
    reviewedBy: actor.memberId,
    reviewedAt: new Date().toISOString(),
    ...(reason ? { reason } : {}),
  };
  let saved: Member;
  try {
    saved = await saveMember(member, { ...member, identity }, member.version, {
      actorId: actor.memberId,
      action: 'identity.reviewed',
      detail: { from: identityStatusOf(member), to: decision },
      ...(reason ? { reason } : {}),
    });
  } catch (error) {
    return settledMeanwhile(error, member.id, (now) => identityStatusOf(now) === decision);
  }
  await sendEmail(identityDecisionEmail(saved.email, saved.firstName, saved.language, decision, reason));
  return saved;
}
