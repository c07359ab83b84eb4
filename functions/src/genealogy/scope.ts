import { z } from 'zod';
import { PageQuery } from '@arbor/shared/paging';
import type { Principal } from '../auth/principal.js';
import { MemberRef } from '../members/params.js';
import { resolveMemberId, visibleMember } from '../members/scope.js';

export const TEAM_ROLES = ['partner', 'support', 'admin'] as const;

export const TeamQuery = PageQuery.extend({
  /** Whose team: the caller by default; a partner may look at anyone in its downline. */
  of: MemberRef.optional(),
  level: z.coerce.number().int().min(1).max(999).optional(),
  q: z.string().trim().min(1).max(60).optional(),
  minRank: z.coerce.number().int().min(1).max(99).optional(),
  /** The unilevel team pages in this order (by level, or by join date), either way up. */
  sort: z.enum(['level', 'joined']).default('level'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type TeamQuery = z.infer<typeof TeamQuery>;

/** The member whose team is asked for, checked against the caller's scope. */
export const teamOwner = (principal: Principal, of: string | undefined) =>
  visibleMember(principal, resolveMemberId(principal, of ?? 'me'));
