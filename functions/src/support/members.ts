import { ForbiddenError, NotFoundError } from '@arbor/shared/errors';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../lib/http.js';
import { getMember } from '../members/repository.js';

/**
 * The member a support route acts on. Support never acts on a staff account (support or
 * admin), and nobody does through these routes; an admin may read one. No such member: 404.
 */
export async function supportTarget(principal: Principal, id: string, use: 'act' | 'read'): Promise<Member> {
  const member = await getMember(id, { consistent: use === 'act' });
  if (!member) throw new NotFoundError('No member has that ID.', 'member_not_found');
  if (isStaff(member.role) && !(use === 'read' && principal.role === 'admin')) {
    throw new ForbiddenError('Support tools do not act on staff accounts.');
  }
  return member;
}
