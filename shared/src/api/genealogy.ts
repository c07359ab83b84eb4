import { z } from 'zod';
import { MemberSearchQuery, TeamQuery, TreeNodeParams } from '../genealogy/requests.js';
import { MemberId, MemberKind, MemberStatus } from '../members/model.js';
import { PageQuery, pageOf } from '../paging.js';
import { endpoint, IsoDateTime, PARTNERS_AND_STAFF } from './endpoint.js';

const RankName = z.string().meta({ description: "The rank's name in the plan in force." });
/** This company month's live volumes, as the commission side keeps them; null until the member has any. */
const LiveVolume = z.number().int().nullable();

/** A member as a node of the tree viewer. */
export const TreeNode = z.object({
  id: MemberId,
  name: z.string(),
  kind: MemberKind,
  status: MemberStatus,
  /** Membership level code. */
  level: z.string(),
  paidRank: z.number().int(),
  /** Partners only. */
  rankName: RankName.nullable(),
  joinedAt: IsoDateTime,
  market: z.string(),
  /** Direct children in the tree asked for. */
  childCount: z.number().int(),
  /** The placement downline's size. */
  teamSize: z.number().int(),
  pv: LiveVolume,
  gv: LiveVolume,
  sponsorId: MemberId.nullable(),
  placementId: MemberId.nullable(),
  /** The sponsor may still place this new partner. */
  inPlacementWindow: z.boolean(),
});

/** A row of a team report: what a leader needs to call, coach and recognise. */
export const TeamRow = z.object({
  id: MemberId,
  name: z.string(),
  /** Level below the team's owner (placement tree); 1 for personal enrollees; null when not in the placement downline. */
  level: z.number().int().nullable(),
  kind: MemberKind,
  /** Membership level code. */
  membershipLevel: z.string(),
  status: MemberStatus,
  joinedAt: IsoDateTime,
  firstPaidAt: IsoDateTime.nullable(),
  paidRank: z.number().int(),
  /** Partners only. */
  rankName: RankName.nullable(),
  highestRank: z.number().int(),
  highestRankName: RankName.nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  region: z.string().nullable(),
  market: z.string(),
  pv: LiveVolume,
  gv: LiveVolume,
  /** PV of the member's active smart order. */
  autoshipPv: z.number().int().nullable(),
  teamSize: z.number().int(),
  sponsorId: MemberId.nullable(),
  placementId: MemberId.nullable(),
});

export const ActivityItem = z.object({
  type: z.enum(['enrollment', 'rank_change']),
  at: IsoDateTime,
  memberId: MemberId,
  name: z.string(),
  /** Level below the team's owner. */
  level: z.number().int(),
  paidRank: z.number().int(),
  rankName: RankName,
});

export const RankCount = z.object({ rank: z.number().int(), rankName: RankName, count: z.number().int() });

/** The trees and the team reports. A partner sees itself and its downline; staff see everyone. */
export const genealogyApi = {
  children: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "One node's direct children in a tree, oldest first, a page at a time.",
    params: TreeNodeParams,
    query: PageQuery,
    response: pageOf(TreeNode),
  }),
  node: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'One node of a tree, with the way up to the caller (staff: to the root).',
    params: TreeNodeParams,
    response: z.object({
      node: TreeNode,
      /** From the caller (staff: the root) down to the node's parent; empty for the caller itself. */
      breadcrumb: z.array(z.object({ id: MemberId, name: z.string() })),
    }),
  }),
  search: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "Find a member by ID or part of a name: in a partner's placement downline, company-wide for staff.",
    query: MemberSearchQuery,
    response: z.object({ items: z.array(TreeNode) }),
  }),
  checkDownline: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Whether a member is in the caller’s downline, and how deep in each tree (404 when not).',
    params: z.object({ id: MemberId }),
    response: z.object({
      id: MemberId,
      inDownline: z.literal(true),
      placementLevel: z.number().int().nullable(),
      enrollerLevel: z.number().int().nullable(),
    }),
  }),
  teamUnilevel: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'The placement downline by level or join date, filtered by level, name or rank.',
    query: TeamQuery,
    response: pageOf(TeamRow).extend({
      owner: z.object({ id: MemberId, name: z.string(), teamSize: z.number().int() }),
    }),
  }),
  teamEnrolled: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Partners the member personally enrolled, newest first.',
    query: TeamQuery,
    response: pageOf(TeamRow),
  }),
  teamCustomers: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "The member's customers, with whether each has ordered yet.",
    query: TeamQuery,
    response: pageOf(TeamRow.extend({ hasOrdered: z.boolean() })),
  }),
  teamNew: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'The newest partners in the placement downline, newest first.',
    query: TeamQuery,
    response: pageOf(TeamRow),
  }),
  teamActivity: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'The latest enrollments and rank changes in the downline (up to 100), newest first.',
    query: TeamQuery,
    response: z.object({ items: z.array(ActivityItem) }),
  }),
  teamByMonth: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'New partners in the downline in each of the last 12 company months.',
    query: TeamQuery,
    response: z.object({
      items: z.array(z.object({ month: z.string().meta({ description: 'YYYY-MM' }), count: z.number().int() })),
    }),
  }),
  teamRanks: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'How many in the downline hold each rank (first page only), and the members at or above a rank.',
    query: TeamQuery,
    response: pageOf(TeamRow).extend({ counts: z.array(RankCount).nullable() }),
  }),
};
