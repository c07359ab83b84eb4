import type { Member } from '@arbor/shared/members/model';
import { rankName } from '../commissions/rank-names.js';

/** A member as a node of the tree viewer. */
export function treeNode(member: Member, tree: 'placement' | 'enroller', now = new Date()) {
  return {
    id: member.id,
    name: member.displayName,
    kind: member.kind,
    status: member.status,
    level: member.level,
    paidRank: member.paidRank,
    rankName: member.kind === 'partner' ? rankName(member.paidRank) : null,
    joinedAt: member.enrolledAt,
    market: member.market,
    childCount: (tree === 'placement' ? member.placementChildCount : member.enrolledChildCount) ?? 0,
    teamSize: member.teamSize ?? 0,
    pv: member.stats?.pv ?? null,
    gv: member.stats?.gv ?? null,
    sponsorId: member.sponsorId,
    placementId: member.placementId,
    inPlacementWindow: Boolean(
      member.placementWindowEndsAt && Date.parse(member.placementWindowEndsAt) > now.getTime(),
    ),
  };
}
export type TreeNode = ReturnType<typeof treeNode>;

/** A row of a team report: what a leader needs to call, coach and recognise. */
export function teamRow(member: Member, level: number | null) {
  return {
    id: member.id,
    name: member.displayName,
    level,
    kind: member.kind,
    membershipLevel: member.level,
    status: member.status,
    joinedAt: member.enrolledAt,
    firstPaidAt: member.firstPaidAt,
    paidRank: member.paidRank,
    rankName: member.kind === 'partner' ? rankName(member.paidRank) : null,
    highestRank: member.highestRank,
    highestRankName: member.kind === 'partner' ? rankName(member.highestRank) : null,
    email: member.email,
    phone: member.phone ?? null,
    region: member.address?.region ?? null,
    market: member.market,
    // Volumes read whatever the commission side wrote; null until it has.
    pv: member.stats?.pv ?? null,
    gv: member.stats?.gv ?? null,
    autoshipPv: member.autoshipPv ?? null,
    teamSize: member.teamSize ?? 0,
    sponsorId: member.sponsorId,
    placementId: member.placementId,
  };
}
export type TeamRow = ReturnType<typeof teamRow>;
