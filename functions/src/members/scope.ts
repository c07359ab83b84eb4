import { ForbiddenError, NotFoundError } from '@arbor/shared/errors';
import { isSelfOrDownline } from '@arbor/shared/genealogy/paths';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { roleMayChange } from '../auth/roles.js';
import { getMember } from './repository.js';

/** One answer for "no such member" and "not yours to see": a partner cannot probe outside its downline. */
const notFound = () => new NotFoundError('No member with that ID in your organization.', 'member_not_found');

export function canSee(viewer: Principal, member: Member): boolean {
  if (isStaff(viewer.role)) return true;
  if (viewer.role === 'customer') return member.id === viewer.memberId;
  return isSelfOrDownline(member, viewer.memberId);
}

/** Loads a member the caller may see: itself, its downline in either tree, or anyone for staff. */
export async function visibleMember(viewer: Principal, memberId: string): Promise<Member> {
  const member = await getMember(memberId);
  if (!member || !canSee(viewer, member)) throw notFound();
  return member;
}

/** `me` stands for the caller in paths like /api/members/me. */
export const resolveMemberId = (viewer: Principal, id: string) => (id === 'me' ? viewer.memberId : id);

/**
 * Who may change someone else's account: `staff` (support and admin), or
 * `team` (also an upline partner, where the route's own rules decide more,
 * e.g. placement within the window).
 */
export type ChangeScope = 'staff' | 'team';

/**
 * Refuses a change to someone else's account unless the caller's role may
 * make it: the route's scope, then the role order (only an admin changes a
 * staff account; nobody changes a higher role). A member changing itself is
 * always let through here.
 */
export function assertMayChange(actor: Principal, member: Member, scope: ChangeScope = 'staff'): void {
  if (member.id === actor.memberId) return;
  if (scope === 'staff' && !isStaff(actor.role)) {
    throw new ForbiddenError('Only the member itself or support can change this.');
  }
  if (!roleMayChange(actor.role, member.role)) {
    throw new ForbiddenError(
      isStaff(member.role)
        ? 'Only an admin changes a staff account.'
        : 'You cannot change an account of a higher role.',
    );
  }
}

/** Loads a member whose account the caller may change (see `assertMayChange`); 404 outside its scope. */
export async function changeableMember(
  actor: Principal,
  memberId: string,
  scope: ChangeScope = 'staff',
): Promise<Member> {
  const member = await visibleMember(actor, resolveMemberId(actor, memberId));
  assertMayChange(actor, member, scope);
  return member;
}
