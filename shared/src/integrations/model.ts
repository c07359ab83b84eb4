import { z } from 'zod';
import { ApiScope } from './scopes.js';
import { WebhookEventType } from './events.js';

/**
 * API keys, webhook endpoints and deliveries as the admin API takes and shows
 * them, and the retry schedule of a delivery.
 */

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1, 'give the key a name').max(80),
  scopes: z.array(ApiScope).min(1, 'choose at least one scope').refine(distinct, 'names a scope twice'),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The start of the key (`arb_live_` and its id): enough to recognise it. */
  prefix: z.string(),
  scopes: z.array(ApiScope),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

const Events = z.array(WebhookEventType).min(1, 'choose at least one event').refine(distinct, 'names an event twice');
const Url = z.string().trim().min(1).max(2000);
const Description = z.string().trim().max(200);

export const CreateWebhookBody = z.object({ url: Url, description: Description.default(''), events: Events });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .object({ url: Url.optional(), description: Description.optional(), events: Events.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'change at least one of url, description, events');
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventType),
  active: z.boolean(),
  /** `whsec_…` and the secret's last four characters. */
  secretHint: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveryAttempt = z.object({
  at: z.string(),
  /** The receiver's HTTP status; null when none came (timeout, refused connection, refused address). */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryView = z.object({
  eventId: z.string(),
  eventType: WebhookEventType,
  occurredAt: z.string(),
  status: DeliveryStatus,
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** The latest attempts, newest last (at most MAX_KEPT_ATTEMPTS). */
  attempts: z.array(DeliveryAttempt),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

/**
 * Seconds to wait after each failed attempt of a round: 8 attempts over about
 * a day (30 s, 2 min, 10 min, 1 h, 3 h, 8 h, 12 h), then the delivery is
 * `failed`. A replay starts a new round.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3_600, 3 * 3_600, 8 * 3_600, 12 * 3_600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Attempts a delivery keeps for its page (two rounds and then some). */
export const MAX_KEPT_ATTEMPTS = 20;

/** Seconds until the next attempt after the `attempt`-th of a round failed, or null when that was the last. */
export const retryDelaySeconds = (attempt: number): number | null => RETRY_DELAYS_SECONDS[attempt - 1] ?? null;
