import { ForbiddenError, NotFoundError } from '@arbor/shared/errors';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { changeableMember, resolveMemberId, visibleMember } from '../members/scope.js';

/**
 * Whose services and points a caller reads: its own, or anyone's for staff.
 * An upline does not read its downline's (the same 404 as no member).
 */
export async function readableHolder(principal: Principal, id: string): Promise<Member> {
  const memberId = resolveMemberId(principal, id);
  if (memberId !== principal.memberId && !isStaff(principal.role)) {
    throw new NotFoundError('No member with that ID in your organization.', 'member_not_found');
  }
  return visibleMember(principal, memberId);
}

/**
 * The member support acts on: a partner or customer. Staff accounts hold no
 * services or points and support never acts on one (nor on its own): 403.
 */
export async function actionableHolder(principal: Principal, id: string): Promise<Member> {
  const member = await changeableMember(principal, id, 'staff');
  if (isStaff(member.role)) throw new ForbiddenError('Staff accounts hold no services or points.');
  return member;
}
