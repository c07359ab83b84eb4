import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';

/**
 * Business metrics, written by Powertools as CloudWatch EMF lines in the
 * function's log: namespace `Arbor`, dimension `service` = the function's area
 * (POWERTOOLS_SERVICE_NAME, which the stack sets per function). Tests and the
 * local runtime set POWERTOOLS_METRICS_DISABLED, so nothing is printed there.
 *
 * What is counted where: orders placed (checkout, smart-order runs), card
 * charges approved and declined (checkout, payments taken later, smart
 * orders), mails sent and suppressed (the email consumer), and how long a
 * period close took (its publish or fail task).
 */
export type Counter = 'OrdersPlaced' | 'ChargesApproved' | 'ChargesDeclined' | 'MailsSent' | 'MailsSuppressed';

let instance: Metrics | undefined;
// Made on first use, so the environment it reads is the one in force then (a test may turn metrics on).
const metrics = () => (instance ??= new Metrics({ namespace: 'Arbor' }));

export function count(name: Counter, value = 1): void {
  metrics().addMetric(name, MetricUnit.Count, value);
}

/** A card charge the gateway answered. */
export const countCharge = (status: 'approved' | 'declined') =>
  count(status === 'approved' ? 'ChargesApproved' : 'ChargesDeclined');

/**
 * Writes what was recorded since the last flush. An invocation that recorded
 * nothing writes nothing (Powertools' own middleware would log a warning for
 * every such request).
 */
export function flushMetrics(): void {
  if (instance?.hasStoredMetrics()) instance.publishStoredMetrics();
}

/** The middy form, for the HTTP chain (lib/http.ts): flushes after the handler, also when it threw. */
export const flushMetricsAfter = (): MiddlewareObj => ({ after: flushMetrics, onError: flushMetrics });

/** How long a period close ran, written at once (its tasks are plain Lambda handlers, no chain to flush). */
export function recordCloseDuration(seconds: number, action: string, outcome: 'published' | 'failed'): void {
  const single = metrics().singleMetric();
  single.addDimensions({ action, outcome });
  single.addMetric('CloseDuration', MetricUnit.Seconds, seconds);
}
