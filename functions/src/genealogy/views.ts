import type { z } from 'zod';
import type { TeamRow, TreeNode } from '@arbor/shared/api/genealogy';
import type { Member } from '@arbor/shared/members/model';
import { rankName } from '../commissions/rank-names.js';

/** A member as a node of the tree viewer (its schema is the contract's TreeNode). */
export function treeNode(
  member: Member,
  tree: 'placement' | 'enroller',
  live?: { pv: number; gv: number },
  now = new Date(),
): z.input<typeof TreeNode> {
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
    pv: live?.pv ?? null,
    gv: live?.gv ?? null,
    sponsorId: member.sponsorId,
    placementId: member.placementId,
    inPlacementWindow: Boolean(
      member.placementWindowEndsAt && Date.parse(member.placementWindowEndsAt) > now.getTime(),
    ),
  };
}

/** A row of a team report: what a leader needs to call, coach and recognise (the contract's TeamRow). */
export function teamRow(
  member: Member,
  level: number | null,
  live?: { pv: number; gv: number },
): z.input<typeof TeamRow> {
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
    // This month's live volumes, as the commission side keeps them; null until it has any.
    pv: live?.pv ?? null,
    gv: live?.gv ?? null,
    autoshipPv: member.autoshipPv ?? null,
    teamSize: member.teamSize ?? 0,
    sponsorId: member.sponsorId,
    placementId: member.placementId,
  };
}
