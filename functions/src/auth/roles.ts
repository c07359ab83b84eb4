import { isStaff, type Role } from '@arbor/shared/members/model';

export const ALL_ROLES: readonly Role[] = ['customer', 'partner', 'support', 'admin'];
export const STAFF: readonly Role[] = ['support', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

/** Who outranks whom: customer < partner < support < admin. */
export const ROLE_RANK: Record<Role, number> = { customer: 0, partner: 1, support: 2, admin: 3 };

/**
 * Whether someone of role `actor` may change an account of role `target`
 * (someone else's; a member may always change its own where the route allows
 * it). Only an admin changes a staff account, and nobody changes an account
 * of a higher role: otherwise support could take the admin's email, reset its
 * password and sign in as admin.
 */
export function roleMayChange(actor: Role, target: Role): boolean {
  if (isStaff(target) && actor !== 'admin') return false;
  return ROLE_RANK[target] <= ROLE_RANK[actor];
}
