import { z } from 'zod';
import { Address } from '../members/model.js';
import { Sku } from '../catalog/product.js';

export const AutoshipStatus = z.enum(['active', 'paused', 'canceled']);
export type AutoshipStatus = z.infer<typeof AutoshipStatus>;

export const AutoshipItem = z.object({ sku: Sku, quantity: z.number().int().min(1).max(99) });

/** A smart order: what to ship every month, on which day, paid how. */
export const Autoship = z.object({
  id: z.string(),
  memberId: z.string(),
  status: AutoshipStatus,
  items: z.array(AutoshipItem).min(1).max(30),
  /** 1-28, so every month has the day. */
  dayOfMonth: z.number().int().min(1).max(28),
  paymentMethodId: z.string(),
  shippingAddress: Address,
  /** The next regular run, `YYYY-MM-DD` in the company time zone. */
  nextRunDate: z.string(),
  /** Set while a declined run is being retried on the following days. */
  retry: z.object({ runDate: z.string(), attempt: z.number().int().min(1), nextAttemptDate: z.string() }).nullable(),
  lastRun: z
    .object({
      runDate: z.string(),
      status: z.enum(['paid', 'declined', 'failed']),
      orderId: z.string().nullable(),
      at: z.string(),
      reason: z.string().optional(),
      /** Why, as a code the pages and mails put in the member's words (`card_declined`, `inactive`…). */
      code: z.string().optional(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Autoship = z.infer<typeof Autoship>;

/** The date the autoship is next due to be processed: a retry first, else the regular run. */
export const dueDateOf = (autoship: Pick<Autoship, 'retry' | 'nextRunDate'>) =>
  autoship.retry?.nextAttemptDate ?? autoship.nextRunDate;

export const AutoshipCreateBody = z.object({
  items: z.array(AutoshipItem).min(1, 'add at least one product').max(30),
  dayOfMonth: z.number().int().min(1).max(28),
  paymentMethodId: z.string().min(1),
  shippingAddress: Address,
  /** Staff setting up a member's smart order on its saved card say why (it goes into the member's log). */
  reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
});

export const AutoshipUpdateBody = z
  .object({
    version: z.number().int().min(1),
    items: z.array(AutoshipItem).min(1).max(30).optional(),
    dayOfMonth: z.number().int().min(1).max(28).optional(),
    paymentMethodId: z.string().min(1).optional(),
    shippingAddress: Address.optional(),
    /** Staff moving a member's smart order to another saved card say why (the member's log keeps it). */
    reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
  })
  .strict();

export const AutoshipActionBody = z.object({
  version: z.number().int().min(1),
  /** Staff say why they stop a run's payment retries (`stop-retries`): it goes into the member's log. */
  reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
});

/** What a queued autoship run carries: which autoship, and for which due date (stale ones are skipped). */
export const AutoshipMessage = z.object({ autoshipId: z.string(), memberId: z.string(), dueDate: z.string() });
export type AutoshipMessage = z.infer<typeof AutoshipMessage>;

export interface AutoshipSummary {
  status: AutoshipStatus;
  nextRunDate: string | null;
  pv: number;
  willProcess: boolean;
  reason?: string;
}

/**
 * What uplines see of a member's smart orders: the active one with the
 * nearest run (else a paused one), its PV in the member's market, and whether
 * its next run will go through as things stand.
 */
export function summarizeAutoships(
  autoships: readonly Autoship[],
  market: string,
  products: ReadonlyMap<string, { active: boolean; markets: Record<string, { pv: number } | undefined> }>,
  cardOf: (paymentMethodId: string) => { expMonth: number; expYear: number } | null,
): AutoshipSummary | null {
  const shown =
    autoships.filter((a) => a.status === 'active').sort((a, b) => dueDateOf(a).localeCompare(dueDateOf(b)))[0] ??
    autoships.find((a) => a.status === 'paused') ??
    autoships[0];
  if (!shown) return null;
  const pv = shown.items.reduce(
    (sum, item) => sum + (products.get(item.sku)?.markets[market]?.pv ?? 0) * item.quantity,
    0,
  );
  let willProcess = shown.status === 'active';
  let reason: string | undefined;
  if (shown.status === 'active') {
    const card = cardOf(shown.paymentMethodId);
    const [y, m] = dueDateOf(shown).split('-').map(Number) as [number, number];
    if (!card) [willProcess, reason] = [false, 'no_card'];
    else if (card.expYear < y || (card.expYear === y && card.expMonth < m))
      [willProcess, reason] = [false, 'card_expires'];
    else if (shown.items.some((item) => !products.get(item.sku)?.active))
      [willProcess, reason] = [false, 'product_retired'];
    else if (shown.retry) reason = 'retrying';
  }
  return {
    status: shown.status,
    nextRunDate: shown.status === 'active' ? dueDateOf(shown) : null,
    pv,
    willProcess,
    ...(reason ? { reason } : {}),
  };
}
