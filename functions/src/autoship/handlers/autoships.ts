import { z } from 'zod';
import { NotFoundError } from '@arbor/shared/errors';
import { AutoshipActionBody, AutoshipCreateBody, AutoshipUpdateBody } from '@arbor/shared/orders/autoship';
import { created, route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import type { Principal } from '../../auth/principal.js';
import { MemberRef } from '../../members/params.js';
import { appendMemberLog } from '../../members/log.js';
import { changeableMember, resolveMemberId, visibleMember } from '../../members/scope.js';
import { getAutoship, listAutoships } from '../repository.js';
import { actOnAutoship, createAutoship, updateAutoship } from '../service.js';
import { autoshipView } from '../views.js';

const MemberParams = z.object({ id: MemberRef });
const AutoshipParams = MemberParams.extend({ autoshipId: z.uuid() });

/**
 * The member itself and staff (creating autoships for members on the phone)
 * manage smart orders, within the role order; uplines read (without the card
 * and the full address: see `autoshipView`).
 */
async function memberFor(principal: Principal, id: string, write: boolean) {
  if (write) return changeableMember(principal, id);
  return visibleMember(principal, resolveMemberId(principal, id));
}

async function autoshipOf(memberId: string, autoshipId: string) {
  const autoship = await getAutoship(memberId, autoshipId);
  if (!autoship) throw new NotFoundError('No such smart order.', 'autoship_not_found');
  return autoship;
}

const logIfStaff = (principal: Principal, memberId: string, action: string, detail: Record<string, unknown>) =>
  memberId === principal.memberId
    ? Promise.resolve()
    : appendMemberLog(memberId, { actorId: principal.memberId, action, detail });

export const listMemberAutoships = route({ auth: ALL_ROLES, params: MemberParams }, async ({ principal, params }) => {
  const member = await memberFor(principal, params.id, false);
  return { items: (await listAutoships(member.id)).map((autoship) => autoshipView(autoship, principal)) };
});

export const createMemberAutoship = route(
  { auth: ALL_ROLES, params: MemberParams, body: AutoshipCreateBody },
  async ({ principal, params, body }) => {
    const member = await memberFor(principal, params.id, true);
    const autoship = await createAutoship(member, body);
    await logIfStaff(principal, member.id, 'support.autoship_created', { autoshipId: autoship.id });
    return created({ autoship });
  },
);

export const updateMemberAutoship = route(
  { auth: ALL_ROLES, params: AutoshipParams, body: AutoshipUpdateBody },
  async ({ principal, params, body }) => {
    const member = await memberFor(principal, params.id, true);
    const { version, ...changes } = body;
    const autoship = await updateAutoship(member, await autoshipOf(member.id, params.autoshipId), changes, version);
    await logIfStaff(principal, member.id, 'support.autoship_updated', {
      autoshipId: autoship.id,
      fields: Object.keys(changes),
    });
    return { autoship };
  },
);

export const autoshipAction = route(
  {
    auth: ALL_ROLES,
    params: AutoshipParams.extend({ action: z.enum(['skip', 'pause', 'resume', 'cancel']) }),
    body: AutoshipActionBody,
  },
  async ({ principal, params, body }) => {
    const member = await memberFor(principal, params.id, true);
    const autoship = await actOnAutoship(
      member,
      await autoshipOf(member.id, params.autoshipId),
      params.action,
      body.version,
    );
    await logIfStaff(principal, member.id, `support.autoship_${params.action}`, { autoshipId: autoship.id });
    return { autoship };
  },
);
