import { RuleError } from '@arbor/shared/errors';
import { checkPlacement, PLACEMENT_MESSAGES } from '@arbor/shared/genealogy/placement';
import type { Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { getCompanySettings } from '../company/repository.js';
import { getMember, saveMember } from './repository.js';

/**
 * Moves a partner (with its whole downline) under a new placement parent.
 * The rules (window, sponsor's downline, no cycles, staff with a reason) live
 * in shared/genealogy/placement.ts; this writes the move with a version check
 * and a log entry. The genealogy stream then re-indexes the moved subtree.
 */
export async function placeMember(
  subject: Member,
  parentId: string,
  actor: Principal,
  reason?: string,
): Promise<Member> {
  const settings = await getCompanySettings();
  const target = await getMember(parentId);
  if (!target) {
    throw new RuleError('unknown_parent', `No member has ID ${parentId}.`, [
      { field: 'body.parentId', rule: 'unknown_parent', message: `body.parentId: no member has ID ${parentId}` },
    ]);
  }
  const refusal = checkPlacement({
    actor: { id: actor.memberId, role: actor.role },
    subject,
    target,
    windowDays: settings?.placementWindowDays ?? 30,
    reason,
  });
  if (refusal) {
    const field = refusal === 'reason_required' ? 'body.reason' : 'body.parentId';
    throw new RuleError(refusal, PLACEMENT_MESSAGES[refusal], [
      { field, rule: refusal, message: `${field}: ${PLACEMENT_MESSAGES[refusal]}` },
    ]);
  }
  const after: Member = { ...subject, placementId: target.id, placementPath: [...target.placementPath, target.id] };
  return saveMember(subject, after, subject.version, {
    actorId: actor.memberId,
    action: actor.memberId === subject.sponsorId ? 'placement.placed' : 'placement.moved',
    detail: { from: subject.placementId, to: target.id },
    ...(reason ? { reason } : {}),
  });
}
