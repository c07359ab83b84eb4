import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { maskLast4 } from '../../lib/field-crypto.js';
import { setDirectDeposit } from '../profile.js';
import { changeableMember } from '../scope.js';

/** Bank details for commission payouts: written encrypted, read back masked. */
export const handler = route(membersApi.setDirectDeposit, async ({ params, body, principal }) => {
  const member = await changeableMember(principal, params.id);
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
});
