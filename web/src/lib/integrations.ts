/**
 * Admin → Integrations, the words and facts its pages show: scopes and events by name, and what a
 * delivery's last attempt came to. Pure but for `t`, so it is unit tested.
 */
import type { WebhookEventType } from '@arbor/shared/integrations/events';
import type { DeliveryView } from '@arbor/shared/integrations/model';
import type { ApiScope } from '@arbor/shared/integrations/scopes';
import type { MessageKey } from './i18n/index.svelte';

export { API_SCOPES } from '@arbor/shared/integrations/scopes';
export { WEBHOOK_EVENT_TYPES } from '@arbor/shared/integrations/events';

export const SCOPE_LABELS: Record<ApiScope, MessageKey> = {
  'members:read': 'integrations.scope.membersRead',
  'orders:read': 'integrations.scope.ordersRead',
  'orders:write': 'integrations.scope.ordersWrite',
  'commissions:read': 'integrations.scope.commissionsRead',
};

export const EVENT_LABELS: Record<WebhookEventType, MessageKey> = {
  'member.enrolled': 'integrations.event.memberEnrolled',
  'order.paid': 'integrations.event.orderPaid',
  'order.refunded': 'integrations.event.orderRefunded',
  'autoship.declined': 'integrations.event.autoshipDeclined',
  'period.finalized': 'integrations.event.periodFinalized',
};

export const STATUS_LABELS: Record<DeliveryView['status'], MessageKey> = {
  pending: 'integrations.deliveries.pending',
  delivered: 'integrations.deliveries.delivered',
  failed: 'integrations.deliveries.failed',
};

/**
 * What the receiver last answered: its HTTP status and what went wrong (a refusal's body, a
 * timeout, a refused connection), or null when nothing was tried yet.
 */
export function lastResponse(delivery: Pick<DeliveryView, 'attempts'>): {
  statusCode: number | null;
  error: string | null;
} | null {
  const last = delivery.attempts.at(-1);
  return last ? { statusCode: last.statusCode, error: last.error } : null;
}

/** The values a multiple choice holds, in the order the choices are listed (what the API gets). */
export const chosen = <T extends string>(all: readonly T[], picked: Record<string, boolean>): T[] =>
  all.filter((value) => picked[value]);
