import { ForbiddenError, NotFoundError } from '@arbor/shared/errors';
import { isStaff, type Address, type Member } from '@arbor/shared/members/model';
import type { Order, Tender } from '@arbor/shared/orders/model';
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

/**
 * An address as someone other than its owner sees it: the area (city, region,
 * postal code, country), not the street. `line1` stays, empty, so the shape
 * is still an address.
 */
export const shippingArea = (address: Address): Address => ({
  line1: '',
  city: address.city,
  region: address.region,
  postalCode: address.postalCode,
  country: address.country,
});

/** A tender without what could be spent or replayed: saved-card id, gift-card code, processor references. */
const publicTender = ({
  paymentMethodId: _card,
  giftCardCode: _code,
  transactionId: _transaction,
  idempotencyKey: _key,
  ...tender
}: Tender): Tender => tender;

/**
 * An order as the caller may read it. The buyer and staff see all of it; an
 * upline (coaching its team) sees what was bought, when and for how much, but
 * not the card used (a saved card id could be replayed at checkout), the gift
 * card's code, nor the street it was shipped to.
 */
export function orderView(order: Order, viewer: Principal): Order {
  if (order.buyerId === viewer.memberId || isStaff(viewer.role)) return order;
  return { ...order, shippingAddress: shippingArea(order.shippingAddress), tenders: order.tenders.map(publicTender) };
}
