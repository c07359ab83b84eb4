import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { TaxIdBody } from '@arbor/shared/members/requests';
import { route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { maskLast4 } from '../../lib/field-crypto.js';
import { MemberRef } from '../params.js';
import { setTaxId } from '../profile.js';
import { resolveMemberId, visibleMember } from '../scope.js';

/** The tax id is written encrypted and only ever read back as its last 4. */
export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: MemberRef }), body: TaxIdBody },
  async ({ params, body, principal }) => {
    const member = await visibleMember(principal, resolveMemberId(principal, params.id));
    if (member.id !== principal.memberId && !isStaff(principal.role)) throw new ForbiddenError();
    const saved = await setTaxId(member, body.taxId, principal);
    return { taxId: maskLast4(saved.taxId), version: saved.version };
  },
);
