import { rankName } from '../../commissions/rank-names.js';
import { NotFoundError } from '@arbor/shared/errors';
import { toSummary } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { getMember } from '../../members/repository.js';
import { ALL_ROLES } from '../roles.js';

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
