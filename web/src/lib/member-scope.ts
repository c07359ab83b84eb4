/**
 * Whose data a page shows: the signed-in member's, or with `?member=<id>` a
 * downline member's (partners) or anyone's (staff, who have none of their own). The API checks
 * the member is visible to the caller.
 */
export { isStaff } from '@arbor/shared/members/model';

/** A page's path for a member (none: the caller's own), with any other query parameters. */
export function memberHref(
  path: string,
  member: string | null | undefined,
  params: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ ...(member ? { member } : {}), ...params }).toString();
  return query ? `${path}?${query}` : path;
}

/** The `member` query parameter for the API (undefined when it is the caller). */
export const memberQuery = (member: string | null) => (member ? { member } : {});
