import { NotFoundError } from '@arbor/shared/errors';
import type { Order } from '@arbor/shared/orders/model';
import { once } from '../lib/idempotency.js';
import type { PaymentChoice } from './checkout.js';
import { payOrder } from './lifecycle.js';
import { getOrder } from './repository.js';

export interface PayRequest {
  orderId: string;
  payment: PaymentChoice;
  actor: { id: string; staff: boolean };
  reason?: string;
  idempotencyKey: string;
}

/**
 * A payment taken with the caller's idempotency key (support on the phone, a double click): while the first
 * request runs the copies get a 409 `request_in_progress`, afterwards the order it paid; the same key for
 * another order is a 409 `idempotency_key_reused`. Under it, the order's own claim (a pending card tender
 * written on the version read, orders/payment.ts) still makes parallel payments without a key charge once.
 */
export const payOrderOnce = once(
  {
    use: 'payment',
    key: (request: PayRequest) => `${request.actor.id}:${request.idempotencyKey}`,
    sameRequest: (request) => request.orderId,
    // Longer than the API's 29 s.
    leaseSeconds: 60,
    keepSeconds: 24 * 3600,
    field: 'body.idempotencyKey',
  },
  async (request: PayRequest): Promise<Order> => {
    const order = await getOrder(request.orderId);
    if (!order) throw new NotFoundError('No such order.', 'order_not_found');
    return payOrder(order, request.payment, request.actor, request.reason);
  },
);
