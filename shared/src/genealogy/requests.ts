import { z } from 'zod';
import { MemberRef } from '../members/model.js';
import { PageQuery } from '../paging.js';

/** The two trees: where a member was placed, and who enrolled it. */
export const TreeName = z.enum(['placement', 'enroller']);

/** A node of a tree: the tree and the member (an ID or `me`). */
export const TreeNodeParams = z.object({ tree: TreeName, id: MemberRef });

/** The query of every team report (each reads the parameters it uses). */
export const TeamQuery = PageQuery.extend({
  /** Whose team: the caller by default; a partner may look at anyone in its downline in that report's tree. */
  of: MemberRef.optional(),
  level: z.coerce.number().int().min(1).max(999).optional(),
  q: z.string().trim().min(1).max(60).optional(),
  minRank: z.coerce.number().int().min(1).max(99).optional(),
  /** The unilevel team pages in this order (by level, or by join date), either way up. */
  sort: z.enum(['level', 'joined']).default('level'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type TeamQuery = z.infer<typeof TeamQuery>;

/** Finding a member by ID or by part of a name, in a partner's downline (or `of` someone in it). */
export const MemberSearchQuery = z.object({
  q: z.string().trim().min(1).max(60),
  of: MemberRef.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
