/**
 * The rows the genealogy and team endpoints answer with, as the API contract (shared/src/api)
 * types them, and the small helpers the organization pages share.
 */
import type { Response } from './api';

export type { Tree as TreeKind } from '@arbor/shared/genealogy/paths';

/** A member as a node of the tree viewer. */
export type TreeNode = Response<'genealogy.node'>['node'];
export type Breadcrumb = Response<'genealogy.node'>['breadcrumb'][number];
/** A row of a team report; the customers report adds whether each has ordered. */
export type TeamRow = Response<'genealogy.teamUnilevel'>['items'][number] &
  Partial<Pick<Response<'genealogy.teamCustomers'>['items'][number], 'hasOrdered'>>;
export type ActivityItem = Response<'genealogy.teamActivity'>['items'][number];
export type RankCount = NonNullable<Response<'genealogy.teamRanks'>['counts']>[number];

/** A new partner its sponsor may still place. */
export type PlacementQueueItem = Response<'members.placementQueue'>['items'][number];

/**
 * A member as the caller may read it: the member itself and staff get the full profile, anyone
 * else in scope (an upline) the shorter view (`profileView`).
 */
export type MemberView = Response<'members.getMember'>['member'];

export const SOCIAL_NETWORKS = ['website', 'facebook', 'instagram', 'tiktok', 'youtube', 'x'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** Whole days from now until `iso` (rounded up; 0 once it has passed). */
export function daysLeft(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 86_400_000));
}

/** Links inside the organization section keep whose team is shown (`of`). */
export function orgHref(path: string, of: string | null, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (of) params.set('of', of);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}`;
}

/** Two letters for an avatar placeholder. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
