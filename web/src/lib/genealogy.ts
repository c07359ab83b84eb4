/**
 * Shapes the genealogy and team endpoints answer with (functions/src/genealogy/views.ts), and the
 * small helpers the organization pages share.
 */
import type { MemberKind, MemberStatus } from '@arbor/shared/members/model';

export type TreeKind = 'placement' | 'enroller';

/** `treeNode` in functions/src/genealogy/views.ts. */
export interface TreeNode {
  id: string;
  name: string;
  kind: MemberKind;
  status: MemberStatus;
  level: string;
  paidRank: number;
  rankName: string | null;
  joinedAt: string;
  market: string;
  /** Direct children in the tree asked for. */
  childCount: number;
  teamSize: number;
  pv: number | null;
  gv: number | null;
  sponsorId: string | null;
  placementId: string | null;
  inPlacementWindow: boolean;
}

/** `teamRow` in functions/src/genealogy/views.ts. */
export interface TeamRow {
  id: string;
  name: string;
  /** Level below the team's owner (placement tree); 1 for personal enrollees. */
  level: number | null;
  kind: MemberKind;
  membershipLevel: string;
  status: MemberStatus;
  joinedAt: string;
  firstPaidAt: string | null;
  paidRank: number;
  rankName: string | null;
  highestRank: number;
  highestRankName: string | null;
  email: string;
  phone: string | null;
  region: string | null;
  market: string;
  pv: number | null;
  gv: number | null;
  autoshipPv: number | null;
  teamSize: number;
  sponsorId: string | null;
  placementId: string | null;
  /** Customers report only. */
  hasOrdered?: boolean;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Breadcrumb {
  id: string;
  name: string;
}

export interface ActivityItem {
  type: 'enrollment' | 'rank_change';
  at: string;
  memberId: string;
  name: string;
  level: number;
  paidRank: number;
  rankName: string;
}

export interface RankCount {
  rank: number;
  rankName: string;
  count: number;
}

export interface PlacementQueueItem {
  id: string;
  displayName: string;
  enrolledAt: string;
  placementId: string | null;
  placementWindowEndsAt: string | null;
  teamSize: number;
}

/** The upline's view of a member (`profileView` without the private part). */
export interface MemberView {
  id: string;
  kind: MemberKind;
  level: string;
  status: MemberStatus;
  firstName: string;
  lastName: string;
  displayName: string;
  username: string;
  email: string;
  phone: string | null;
  market: string;
  language: 'en' | 'es';
  sponsorId: string | null;
  placementId: string | null;
  enrolledAt: string;
  firstPaidAt: string | null;
  paidRank: number;
  highestRank: number;
  siteName: string | null;
  social: Partial<Record<SocialNetwork, string>>;
  avatarUrl: string | null;
  region: string | null;
  teamSize: number;
  placementChildCount: number;
  enrolledChildCount: number;
  placementWindowEndsAt: string | null;
  version: number;
}

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
