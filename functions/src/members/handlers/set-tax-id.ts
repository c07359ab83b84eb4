import { z } from 'zod';
import { TaxIdBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { maskLast4 } from '../../lib/field-crypto.js';
import { MemberRef } from '../params.js';
import { setTaxId } from '../profile.js';
import { changeableMember } from '../scope.js';

/** The tax id is written encrypted and only ever read back as its last 4. */
export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: MemberRef }), body: TaxIdBody },
  async ({ params, body, principal }) => {
    const member = await changeableMember(principal, params.id);
    const saved = await setTaxId(member, body.taxId, principal);
    return { taxId: maskLast4(saved.taxId), version: saved.version };
  },
);
