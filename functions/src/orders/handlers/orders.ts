import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { CancelBody, OrderListQuery, PayBody, RefundBody, ShipmentBody } from '@arbor/shared/orders/requests';
import { file, route } from '../../lib/http.js';
import { ALL_ROLES, STAFF } from '../../auth/roles.js';
import { actorOf, buyerFor, orderView, visibleOrder } from '../access.js';
import { renderInvoicePdf } from '../invoice.js';
import { cancelOrder, deliverOrder, payOrder, refundOrder, shipOrder } from '../lifecycle.js';
import { listCompanyOrders, listMemberOrders } from '../repository.js';
import { getMember } from '../../members/repository.js';

const OrderId = z.object({ id: z.string().regex(/^\d{1,12}$/, 'must be an order number') });

/**
 * A member's order history with filters (status incl. `returned`, type,
 * dates); staff without `member` see the company's orders with the same
 * filters (every status, or all of them), newest first, a page at a time.
 */
export const listOrders = route({ auth: ALL_ROLES, query: OrderListQuery }, async ({ principal, query }) => {
  const filter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
  if (isStaff(principal.role) && !query.member) return listCompanyOrders(filter, query.limit, query.cursor);
  const buyer = await buyerFor(principal, query.member);
  const page = await listMemberOrders(buyer.id, filter, query.limit, query.cursor);
  return { ...page, items: page.items.map((order) => orderView(order, principal)) };
});

export const getOrderDetail = route({ auth: ALL_ROLES, params: OrderId }, async ({ principal, params }) => ({
  order: orderView(await visibleOrder(principal, params.id), principal),
}));

/** The printable invoice as a PDF (an upline's copy shows the area shipped to, not the street). */
export const invoicePdf = route({ auth: ALL_ROLES, params: OrderId }, async ({ principal, params }) => {
  const order = orderView(await visibleOrder(principal, params.id), principal);
  const buyer = await getMember(order.buyerId);
  return file(await renderInvoicePdf(order, buyer), 'application/pdf', `invoice-${order.id}.pdf`);
});

/** The buyer cancels an order not yet shipped (a paid one is refunded); support too. */
export const cancel = route(
  { auth: ALL_ROLES, params: OrderId, body: CancelBody },
  async ({ principal, params, body }) => {
    const order = await visibleOrder(principal, params.id);
    if (order.buyerId !== principal.memberId && !isStaff(principal.role))
      throw new ForbiddenError('Only the buyer or support can cancel.');
    return { order: await cancelOrder(order, body.reason, principal.memberId) };
  },
);

export const refund = route({ auth: STAFF, params: OrderId, body: RefundBody }, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  return {
    order: await refundOrder(
      order,
      { lines: body.lines, reason: body.reason, tender: body.tender, idempotencyKey: body.idempotencyKey },
      principal.memberId,
    ),
  };
});

export const ship = route({ auth: STAFF, params: OrderId, body: ShipmentBody }, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  return { order: await shipOrder(order, body.trackingNumber, principal.memberId) };
});

export const deliver = route({ auth: STAFF, params: OrderId }, async ({ principal, params }) => {
  const order = await visibleOrder(principal, params.id);
  return { order: await deliverOrder(order, principal.memberId) };
});

/** Takes payment for an open or declined order. */
export const pay = route({ auth: ALL_ROLES, params: OrderId, body: PayBody }, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  if (order.buyerId !== principal.memberId && !isStaff(principal.role))
    throw new ForbiddenError('Only the buyer or support can pay.');
  return { order: await payOrder(order, body.payment, actorOf(principal), body.reason) };
});
