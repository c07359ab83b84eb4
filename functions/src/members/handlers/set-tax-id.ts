import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { maskLast4 } from '../../lib/field-crypto.js';
import { setTaxId } from '../profile.js';
import { changeableMember } from '../scope.js';

/** The tax id is written encrypted and only ever read back as its last 4. */
export const handler = route(membersApi.setTaxId, async ({ params, body, principal }) => {
  const member = await changeableMember(principal, params.id);
  const saved = await setTaxId(member, body.taxId, principal);
  return { taxId: maskLast4(saved.taxId), version: saved.version };
});
