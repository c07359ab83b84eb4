import { NotFoundError } from '@arbor/shared/errors';
import { isSelfOrDownline } from '@arbor/shared/genealogy/paths';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
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
