import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { NotFoundError } from '@arbor/shared/errors';
import { toSummary } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { getMember } from '../../members/repository.js';
import { ALL_ROLES } from '../roles.js';

const rankName = (rank: number) => DEFAULT_PLAN.ranks.find((r) => r.rank === rank)?.name ?? String(rank);

export const handler = route({ auth: ALL_ROLES }, async ({ principal }) => {
  const member = await getMember(principal.memberId);
  if (!member) throw new NotFoundError('Member not found.');
  return {
    member: {
      ...toSummary(member),
      rankName: rankName(member.paidRank),
      highestRankName: rankName(member.highestRank),
    },
    session: { readOnly: principal.readOnly, impersonatedBy: principal.impersonatedBy ?? null },
  };
});
