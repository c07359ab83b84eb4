import { autoshipApi } from '@arbor/shared/api/autoship';
import { ForbiddenError, NotFoundError, RuleError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import type { Principal } from '../../auth/principal.js';
import { appendMemberLog } from '../../members/repository.js';
import { changeableMember, resolveMemberId, visibleMember } from '../../members/scope.js';
import { getAutoship, listAutoships } from '../repository.js';
import { actOnAutoship, createAutoship, stopRetries, updateAutoship } from '../service.js';
import { autoshipView } from '../views.js';

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

const logIfStaff = (
  principal: Principal,
  memberId: string,
  action: string,
  detail: Record<string, unknown>,
  reason?: string,
) =>
  memberId === principal.memberId
    ? Promise.resolve()
    : appendMemberLog(memberId, { actorId: principal.memberId, action, detail, ...(reason ? { reason } : {}) });

/**
 * A saved card is used only by its owner, or by staff with a reason for the
 * member's log: setting up someone's smart order on its card (or moving it to
 * another of its cards) is such a use.
 */
function requireCardReason(principal: Principal, memberId: string, reason: string | undefined) {
  if (memberId === principal.memberId || reason) return;
  throw new RuleError('reason_required', 'Say why you put the member’s saved card on this smart order, for its log.', [
    { field: 'body.reason', rule: 'reason_required', message: 'body.reason: is required to use a saved card' },
  ]);
}

export const listMemberAutoships = route(autoshipApi.listMemberAutoships, async ({ principal, params }) => {
  const member = await memberFor(principal, params.id, false);
  return { items: (await listAutoships(member.id)).map((autoship) => autoshipView(autoship, principal)) };
});

export const createMemberAutoship = route(autoshipApi.createMemberAutoship, async ({ principal, params, body }) => {
  const member = await memberFor(principal, params.id, true);
  const { reason, ...input } = body;
  requireCardReason(principal, member.id, reason);
  const autoship = await createAutoship(member, input);
  await logIfStaff(
    principal,
    member.id,
    'support.autoship_created',
    { autoshipId: autoship.id, paymentMethodId: autoship.paymentMethodId },
    reason,
  );
  return { autoship };
});

export const updateMemberAutoship = route(autoshipApi.updateMemberAutoship, async ({ principal, params, body }) => {
  const member = await memberFor(principal, params.id, true);
  const { version, reason, ...changes } = body;
  const current = await autoshipOf(member.id, params.autoshipId);
  if (changes.paymentMethodId !== undefined && changes.paymentMethodId !== current.paymentMethodId) {
    requireCardReason(principal, member.id, reason);
  }
  const autoship = await updateAutoship(member, current, changes, version);
  await logIfStaff(
    principal,
    member.id,
    'support.autoship_updated',
    { autoshipId: autoship.id, fields: Object.keys(changes) },
    reason,
  );
  return { autoship };
});

export const autoshipAction = route(autoshipApi.autoshipAction, async ({ principal, params, body }) => {
  const member = await memberFor(principal, params.id, true);
  if (params.action === 'stop-retries') {
    // Support's call (the member pauses or skips instead); a staff account has no smart order to stop.
    if (!isStaff(principal.role)) throw new ForbiddenError('Only support stops a run’s payment retries.');
    if (!body.reason) {
      throw new RuleError('reason_required', 'Say why you stop the payment retries: it goes into the member’s log.', [
        { field: 'body.reason', rule: 'required', message: 'body.reason: is required to stop payment retries' },
      ]);
    }
    const current = await autoshipOf(member.id, params.autoshipId);
    return { autoship: (await stopRetries(member, current, body.version, principal.memberId, body.reason)).autoship };
  }
  const autoship = await actOnAutoship(
    member,
    await autoshipOf(member.id, params.autoshipId),
    params.action,
    body.version,
  );
  await logIfStaff(principal, member.id, `support.autoship_${params.action}`, { autoshipId: autoship.id });
  return { autoship };
});
