import { loadRankNames, rankName } from '../../commissions/rank-names.js';
import { NotFoundError } from '@arbor/shared/errors';
import { toSummary } from '@arbor/shared/members/model';
import { authApi } from '@arbor/shared/api/auth';
import { route } from '../../lib/http.js';
import { getMember } from '../../members/repository.js';
import { viewEndsAt } from '../view-as.js';

export const handler = route(authApi.me, async ({ principal }) => {
  await loadRankNames();
  const member = await getMember(principal.memberId);
  if (!member) throw new NotFoundError('Member not found.');
  return {
    member: {
      ...toSummary(member),
      rankName: rankName(member.paidRank),
      highestRankName: rankName(member.highestRank),
    },
    session: {
      readOnly: principal.readOnly,
      impersonatedBy: principal.impersonatedBy ?? null,
      viewEndsAt: await viewEndsAt(principal),
    },
  };
});
