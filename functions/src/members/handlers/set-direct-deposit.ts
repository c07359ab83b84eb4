import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { DirectDepositBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { maskLast4 } from '../../lib/field-crypto.js';
import { MemberRef } from '../params.js';
import { setDirectDeposit } from '../profile.js';
import { resolveMemberId, visibleMember } from '../scope.js';

/** Bank details for commission payouts: written encrypted, read back masked. */
export const handler = route(
  { auth: ['partner', 'support', 'admin'], params: z.object({ id: MemberRef }), body: DirectDepositBody },
  async ({ params, body, principal }) => {
    const member = await visibleMember(principal, resolveMemberId(principal, params.id));
    if (member.id !== principal.memberId && !isStaff(principal.role)) throw new ForbiddenError();
    const saved = await setDirectDeposit(member, body, principal);
    const deposit = saved.directDeposit!;
    return {
      directDeposit: {
        holder: deposit.holder,
        bankName: deposit.bankName,
        routingNumber: maskLast4(deposit.routingNumber),
        accountNumber: maskLast4(deposit.accountNumber),
      },
      version: saved.version,
    };
  },
);
