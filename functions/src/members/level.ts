import { AppError, RuleError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { getCompanySettings } from '../company/repository.js';
import { getMember, saveMember } from './repository.js';

const refuse = (rule: string, message: string) =>
  new RuleError(rule, message, [{ field: 'body.level', rule, message: `body.level: ${message}` }]);

/**
 * Support moves a member to another membership level of its own kind (a customer between customer levels, a
 * partner between partner levels). The company lists its levels lowest first, so a move up that list is an
 * upgrade and a move down a downgrade; the member's log gets from -> to, the direction and the reason, in the
 * transaction of the change. The level a member already holds changes nothing, so a repeated request (or ten
 * in parallel: one saves, the others find the level already there) answers the member as it is.
 */
export async function changeLevel(member: Member, level: string, reason: string, actor: Principal): Promise<Member> {
  if (member.kind === 'staff') throw refuse('no_membership', 'staff accounts hold no membership level');
  const levels = (await getCompanySettings())?.membershipLevels ?? [];
  const target = levels.find((l) => l.code === level);
  if (!target) throw refuse('unknown_level', 'is not a membership level of this company');
  if (target.kind !== member.kind) {
    throw refuse('other_kind', `is a ${target.kind} level; this member is a ${member.kind}`);
  }
  if (member.level === level) return member;
  const from = levels.findIndex((l) => l.code === member.level);
  const to = levels.findIndex((l) => l.code === level);
  const direction = from < 0 ? 'change' : to > from ? 'upgrade' : 'downgrade';
  try {
    return await saveMember(member, { ...member, level }, member.version, {
      actorId: actor.memberId,
      action: 'level.changed',
      detail: { from: member.level, to: level, direction },
      reason,
    });
  } catch (error) {
    // Changed meanwhile: the same request that got there first is this one's answer.
    if (error instanceof AppError && error.status === 409) {
      const now = await getMember(member.id, { consistent: true });
      if (now?.level === level) return now;
    }
    throw error;
  }
}
