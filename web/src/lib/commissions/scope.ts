/**
 * Whose numbers a commissions page shows: the signed-in partner's, or with `?member=<id>` a
 * downline member's (partners) or anyone's (staff, who have none of their own). The API checks
 * the member is visible to the caller.
 */
import type { Role } from '@arbor/shared/members/model';

export const isStaff = (role: Role) => role === 'support' || role === 'admin';

/** A commissions path for a member, keeping other query parameters out. */
export function memberHref(path: string, member: string | null | undefined): string {
  return member ? `${path}?member=${encodeURIComponent(member)}` : path;
}

/** The `member` query parameter for the API (undefined when it is the caller). */
export const memberQuery = (member: string | null) => (member ? { member } : {});
