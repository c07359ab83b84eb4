import { addDays, nextRunDate } from '@arbor/shared/orders/autoship-dates';
import { dueDateOf, type Autoship, type AutoshipMessage } from '@arbor/shared/orders/autoship';
import type { Order } from '@arbor/shared/orders/model';
import { newOrder } from '@arbor/shared/orders/build';
import { AppError } from '@arbor/shared/errors';
import { newEvent } from '@arbor/shared/integrations/events';
import { getCompanySettings } from '../company/repository.js';
import { sendEmail } from '../email/send.js';
import { autoshipDeclinedEmail } from '../email/templates.js';
import type { TableWrite } from '../lib/db.js';
import { logger } from '../lib/logger.js';
import { count } from '../lib/metrics.js';
import { getMember } from '../members/repository.js';
import { quoteCart } from '../orders/checkout.js';
import { attemptPayment } from '../orders/payment.js';
import { getOrder, insertOrder, nextOrderId } from '../orders/repository.js';
import { getMethod } from '../payments/methods.js';
import { outboxWrite } from '../integrations/repository.js';
import { getAutoship, runMarkWrite, runOrderId } from './repository.js';
import { cancelAutoshipsOf, saveAutoship } from './service.js';

export type RunOutcome = 'paid' | 'retry_scheduled' | 'declined' | 'failed' | 'skipped';

/** The run's order: created once per (autoship, run date), whatever the retries or redeliveries. */
async function orderForRun(autoship: Autoship, runDate: string, build: () => Promise<Order>): Promise<Order> {
  const existingId = await runOrderId(autoship.id, runDate);
  const existing = existingId ? await getOrder(existingId) : null;
  if (existing) return existing;
  const order = await build();
  if ((await insertOrder(order, runMarkWrite(autoship.id, runDate, order), () => [])) === 'inserted') {
    count('OrdersPlaced');
    return order;
  }
  // A redelivery made the run's order first: use that one.
  const winnerId = await runOrderId(autoship.id, runDate);
  const winner = winnerId ? await getOrder(winnerId) : null;
  if (!winner) throw new Error(`smart order ${autoship.id}: the run of ${runDate} could not write its order`);
  return winner;
}

/**
 * Processes one due autoship. Exactly once per (autoship, run date): the run's
 * order is created once, each charge attempt has the idempotency key
 * autoship:<id>:<run date>:<attempt>, and a message whose due date is no
 * longer the autoship's (already processed, skipped, paused) does nothing.
 */
export async function processAutoship(message: AutoshipMessage, now = new Date()): Promise<RunOutcome> {
  const autoship = await getAutoship(message.memberId, message.autoshipId);
  if (!autoship || autoship.status !== 'active' || dueDateOf(autoship) !== message.dueDate) return 'skipped';
  const settings = await getCompanySettings();
  const maxAttempts = settings?.autoshipRetryAttempts ?? 3;
  const runDate = autoship.retry?.runDate ?? autoship.nextRunDate;
  const attempt = (autoship.retry?.attempt ?? 0) + 1;
  const member = await getMember(autoship.memberId, { consistent: true });
  if (!member) return 'skipped';
  // The member's status when the run is processed, not when it was queued: a member canceled or set inactive
  // meanwhile is never charged (and a canceled member's smart orders are canceled, in case its cancel stopped
  // midway).
  if (member.status !== 'active') {
    if (member.status === 'canceled') await cancelAutoshipsOf(member, 'system', 'the member is canceled');
    logger.info('smart order not run: member not active', { autoshipId: autoship.id, status: member.status });
    return 'skipped';
  }

  const advance = (
    status: 'paid' | 'declined' | 'failed',
    orderId: string | null,
    why?: { message: string; code: string },
    also: TableWrite[] = [],
  ) =>
    saveAutoship(
      {
        ...autoship,
        retry: null,
        nextRunDate: nextRunDate(autoship.dayOfMonth, runDate),
        lastRun: {
          runDate,
          status,
          orderId,
          at: now.toISOString(),
          ...(why ? { reason: why.message, code: why.code } : {}),
        },
      },
      autoship.version,
      member.market,
      also,
    );

  let order: Order;
  try {
    order = await orderForRun(autoship, runDate, async () => {
      const quote = await quoteCart(member, autoship.items, autoship.shippingAddress, {
        forAutoship: true,
        fieldPrefix: 'items',
      });
      return newOrder({
        id: await nextOrderId(),
        type: 'autoship',
        buyer: member,
        placedById: 'system',
        autoshipId: autoship.id,
        quote,
        shippingAddress: autoship.shippingAddress,
        tenders: [],
        createdAt: now.toISOString(),
        note: `smart order run ${runDate}`,
      });
    });
  } catch (error) {
    // The cart cannot be sold any more (a product retired, an address tax cannot rate): tell the member.
    if (error instanceof AppError && error.status < 500) {
      await advance('failed', null, error);
      await sendEmail(autoshipDeclinedEmail(member, runDate, error)).catch(() => undefined);
      return 'failed';
    }
    throw error;
  }
  if (order.status === 'paid') {
    await advance('paid', order.id);
    return 'paid';
  }

  const method = await getMethod(member.id, autoship.paymentMethodId).catch(() => null);
  const card = method
    ? { token: method.token, label: `${method.brand} ••••${method.last4}`, paymentMethodId: method.id }
    : { token: 'missing', label: 'missing card' };
  const result = await attemptPayment(
    order,
    member,
    card,
    'system',
    `autoship:${autoship.id}:${runDate}:${attempt}`,
    now,
  );
  if (!result.declined) {
    await advance('paid', order.id);
    return 'paid';
  }
  // The autoship.declined event (webhooks) goes with the smart order's new state: a retry, or the run given up.
  const refusal = result.declined;
  const declined = (nextAttemptDate: string | null) =>
    outboxWrite(
      newEvent(
        'autoship.declined',
        {
          autoshipId: autoship.id,
          memberId: member.id,
          orderId: order.id,
          runDate,
          attempt,
          final: nextAttemptDate === null,
          nextAttemptDate,
          declineCode: refusal.declineCode,
          message: refusal.message,
        },
        now.toISOString(),
      ),
    );
  if (attempt < maxAttempts) {
    const nextAttemptDate = addDays(message.dueDate, 1);
    await saveAutoship({ ...autoship, retry: { runDate, attempt, nextAttemptDate } }, autoship.version, member.market, [
      declined(nextAttemptDate),
    ]);
    logger.info('autoship declined, retrying tomorrow', { autoshipId: autoship.id, runDate, attempt });
    return 'retry_scheduled';
  }
  await advance('declined', order.id, refusal, [declined(null)]);
  await sendEmail(autoshipDeclinedEmail(member, runDate, refusal)).catch(() => undefined);
  return 'declined';
}
