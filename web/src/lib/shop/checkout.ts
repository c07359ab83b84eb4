/**
 * Checkout attempts and what each error of `POST /api/orders` means for the page. Pure, so the
 * rules that keep a member from being charged twice are unit-tested.
 *
 * An attempt is one order as the member confirmed it (same cart, address, payment, total). Its
 * idempotency key is sent with every submit of that attempt: a double click, or a retry after the
 * connection dropped, reaches the server with the same key and gets the same order (one charge).
 * Once the server has answered definitively (a decline, a changed price, a field error), the
 * attempt is over; the next submit is a new attempt with a fresh key. That matters: the payment
 * processor remembers a key's first answer, so reusing a declined attempt's key would decline
 * again even with another card.
 */
import { ApiError } from '../api';

export interface Attempt {
  key: string;
  /** The request body without the key: a changed order is a new attempt. */
  fingerprint: string;
}

/** A v4 UUID; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
export function newIdempotencyKey(
  cryptoImpl: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto,
) {
  if (typeof cryptoImpl.randomUUID === 'function') return cryptoImpl.randomUUID();
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with sorted keys, so the same body always gives the same fingerprint. */
export function fingerprintOf(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/** The attempt for a submit: the unfinished one when the same order is sent again, else a new one. */
export function attemptFor(pending: Attempt | null, body: unknown, fresh: () => string = newIdempotencyKey): Attempt {
  const fingerprint = fingerprintOf(body);
  if (pending && pending.fingerprint === fingerprint) return pending;
  return { key: fresh(), fingerprint };
}

/**
 * Whether the server's answer settles the attempt. A 4xx says what happened (nothing was ordered
 * or charged); no answer at all, or a 5xx, leaves it unknown, so the retry must reuse the key.
 */
export function attemptSettled(error: unknown): boolean {
  if (isInProgress(error)) return false;
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408;
}

/** The server is still placing this attempt's order (a double submit, or a retry that overtook the first). */
const isInProgress = (error: unknown) => error instanceof ApiError && error.code === 'request_in_progress';

/**
 * Sends an attempt, and while the server says the same attempt is still being placed, waits and sends
 * it again with the same key: the answer is then the order the first request placed (one charge).
 * After `tries` it gives the last answer up to the caller, whose next submit still reuses the key.
 */
export async function sendUntilSettled<T>(
  send: () => Promise<T>,
  { tries = 15, wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (!isInProgress(error) || attempt >= tries) throw error;
      await wait(((error as ApiError).retryAfterSeconds ?? 1) * 1000);
    }
  }
}

export type DeclineCode = 'card_declined' | 'expired_card' | 'insufficient_funds' | 'invalid_token';

export type CheckoutProblem =
  | { kind: 'declined'; code: DeclineCode | 'other' }
  | { kind: 'price_changed'; total: number | null }
  | { kind: 'cart_invalid'; lines: { index: number; rule: string }[] }
  | { kind: 'address'; field: string; rule: string }
  | { kind: 'gift_card'; index: number; rule: string }
  | { kind: 'gift_card_changed' }
  | { kind: 'fields'; error: ApiError }
  | { kind: 'network' }
  | { kind: 'other'; error: unknown };

const DECLINES = new Set<string>(['card_declined', 'expired_card', 'insufficient_funds', 'invalid_token']);

/** What a failed checkout (or quote) means, from the status, code and field details of its error. */
export function classifyCheckoutError(error: unknown): CheckoutProblem {
  if (!(error instanceof ApiError)) return { kind: 'network' };
  // Still being placed: like a lost answer, the next submit sends the same attempt again.
  if (error.status >= 500 || isInProgress(error)) return { kind: 'network' };
  if (error.status === 402) {
    return { kind: 'declined', code: DECLINES.has(error.code) ? (error.code as DeclineCode) : 'other' };
  }
  if (error.code === 'price_changed') {
    const detail = error.details.find((d) => d.field === 'body.expectedTotal')?.message ?? error.message;
    const total = /is now (\d+)/.exec(detail)?.[1];
    return { kind: 'price_changed', total: total ? Number(total) : null };
  }
  if (error.code === 'cart_invalid') {
    const lines = error.details.flatMap((d) => {
      const match = /^body\.items\.(\d+)\./.exec(d.field ?? '');
      return match ? [{ index: Number(match[1]), rule: d.rule ?? 'unknown_sku' }] : [];
    });
    return { kind: 'cart_invalid', lines };
  }
  if (error.code === 'gift_card_changed') return { kind: 'gift_card_changed' };
  const giftCard = error.details.find((d) => /^body\.giftCards\.\d+$/.test(d.field ?? ''));
  if (giftCard) {
    return {
      kind: 'gift_card',
      index: Number(giftCard.field!.split('.').pop()),
      rule: giftCard.rule ?? error.code,
    };
  }
  if (error.code === 'address_not_rateable' || error.code === 'market_mismatch') {
    const field = error.details.find((d) => d.field?.startsWith('body.shippingAddress.'))?.field;
    return {
      kind: 'address',
      field:
        field?.replace('body.shippingAddress.', '') ?? (error.code === 'market_mismatch' ? 'country' : 'postalCode'),
      rule: error.code,
    };
  }
  if (error.details.some((d) => d.field)) return { kind: 'fields', error };
  return { kind: 'other', error };
}
