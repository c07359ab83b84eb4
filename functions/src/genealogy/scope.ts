import { NotFoundError } from '@arbor/shared/errors';
import { isBelow, type Tree } from '@arbor/shared/genealogy/paths';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { resolveMemberId, visibleMember } from '../members/scope.js';

/** Whether `member` is the viewer or below it in `tree` (staff: anyone). */
export function inTreeOf(viewer: Principal, member: Member, tree: Tree): boolean {
  return isStaff(viewer.role) || member.id === viewer.memberId || isBelow(member, viewer.memberId, tree);
}

/**
 * The member whose team (in `tree`) is asked for, checked against the
 * caller's scope in that same tree. Seeing a member (either tree) is not
 * enough: a partner's enrollee that support moved to another leg is still
 * visible, but its placement team lives in someone else's organization, so
 * `of=` it on a placement report answers 404 like any member outside.
 */
export async function teamOwner(principal: Principal, of: string | undefined, tree: Tree | 'either' = 'placement') {
  const owner = await visibleMember(principal, resolveMemberId(principal, of ?? 'me'));
  if (tree !== 'either' && !inTreeOf(principal, owner, tree)) {
    throw new NotFoundError('No member with that ID in your organization.', 'member_not_found');
  }
  return owner;
}
