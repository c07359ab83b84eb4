import { ForbiddenError, NotFoundError } from '@arbor/shared/errors';
import { isStaff, type Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';
import type { Principal } from '../auth/principal.js';
import { canSee, resolveMemberId, visibleMember } from '../members/scope.js';
import { getMember } from '../members/repository.js';
import { getOrder } from './repository.js';

/**
 * Whose cart or orders: the caller, or a member it may act for (support for
 * anyone, a partner for members of its downline, e.g. its customers).
 */
export async function buyerFor(principal: Principal, memberId: string | undefined): Promise<Member> {
  const buyer = await visibleMember(principal, resolveMemberId(principal, memberId ?? 'me'));
  if (buyer.id !== principal.memberId && principal.role === 'customer') throw new ForbiddenError();
  if (buyer.kind === 'staff') throw new ForbiddenError('Staff accounts do not buy.');
  return buyer;
}

/** An order the caller may see: its own, its downline's, or any for staff; else the same 404 as none. */
export async function visibleOrder(principal: Principal, id: string): Promise<Order> {
  const order = await getOrder(id);
  const buyer = order ? await getMember(order.buyerId) : null;
  if (!order || !buyer || !canSee(principal, buyer)) throw new NotFoundError('No such order.', 'order_not_found');
  return order;
}

export const actorOf = (principal: Principal) => ({ id: principal.memberId, staff: isStaff(principal.role) });
