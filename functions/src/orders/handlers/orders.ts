import { ordersApi } from '@arbor/shared/api/orders';
import { ForbiddenError } from '@arbor/shared/errors';
import { isStaff } from '@arbor/shared/members/model';
import { file, route } from '../../lib/http.js';
import { actorOf, buyerFor, orderView, visibleOrder } from '../access.js';
import { renderInvoicePdf } from '../invoice.js';
import { cancelOrder, deliverOrder, payOrder, refundOrder, shipOrder } from '../lifecycle.js';
import { listCompanyOrders, listMemberOrders } from '../repository.js';
import { payOrderOnce } from '../pay-once.js';
import { getMember } from '../../members/repository.js';

/**
 * A member's order history with filters (status incl. `returned`, type,
 * dates); staff without `member` see the company's orders with the same
 * filters (every status, or all of them), newest first, a page at a time.
 */
export const listOrders = route(ordersApi.listOrders, async ({ principal, query }) => {
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

export const getOrderDetail = route(ordersApi.getOrderDetail, async ({ principal, params }) => ({
  order: orderView(await visibleOrder(principal, params.id), principal),
}));

/** The printable invoice as a PDF (an upline's copy shows the area shipped to, not the street). */
export const invoicePdf = route(ordersApi.invoicePdf, async ({ principal, params }) => {
  const order = orderView(await visibleOrder(principal, params.id), principal);
  const buyer = await getMember(order.buyerId);
  return file(await renderInvoicePdf(order, buyer), 'application/pdf', `invoice-${order.id}.pdf`);
});

/** The buyer cancels an order not yet shipped (a paid one is refunded); support too. */
export const cancel = route(ordersApi.cancel, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  if (order.buyerId !== principal.memberId && !isStaff(principal.role))
    throw new ForbiddenError('Only the buyer or support can cancel.');
  return { order: await cancelOrder(order, body.reason, principal.memberId) };
});

export const refund = route(ordersApi.refund, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  return {
    order: await refundOrder(
      order,
      { lines: body.lines, reason: body.reason, tender: body.tender, idempotencyKey: body.idempotencyKey },
      principal.memberId,
    ),
  };
});

export const ship = route(ordersApi.ship, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  return { order: await shipOrder(order, body.trackingNumber, principal.memberId) };
});

export const deliver = route(ordersApi.deliver, async ({ principal, params }) => {
  const order = await visibleOrder(principal, params.id);
  return { order: await deliverOrder(order, principal.memberId) };
});

/** Takes payment for an open or declined order. */
export const pay = route(ordersApi.pay, async ({ principal, params, body }) => {
  const order = await visibleOrder(principal, params.id);
  if (order.buyerId !== principal.memberId && !isStaff(principal.role))
    throw new ForbiddenError('Only the buyer or support can pay.');
  const actor = actorOf(principal);
  if (body.idempotencyKey) {
    const { idempotencyKey, payment, reason } = body;
    const paid = await payOrderOnce({
      orderId: order.id,
      payment,
      actor,
      idempotencyKey,
      ...(reason ? { reason } : {}),
    });
    return { order: orderView(paid, principal) };
  }
  return { order: await payOrder(order, body.payment, actor, body.reason) };
});
