/**
 * The server's price for the cart as it is now: every change (a quantity, the address, a gift
 * card) asks `POST /api/cart/quote` again after a short pause; an older request still running is
 * aborted, so a late answer never replaces a newer one. The page may confirm only a quote that
 * answers the current cart (`fresh`), and sends its total as `expectedTotal`.
 */
import type { Address } from '@arbor/shared/members/model';
import { untrack } from 'svelte';
import { call } from '../api';
import { fingerprintOf } from './checkout';
import type { CartItem, QuoteAnswer } from './types';

export interface QuoteRequest {
  memberId?: string;
  items: CartItem[];
  shippingAddress: Address;
  giftCards: string[];
  /** Reward points to spend (docs/services.md). */
  points?: number;
}

const DELAY_MS = 350;

export class LiveQuote {
  answer = $state.raw<QuoteAnswer | null>(null);
  error = $state.raw<unknown>(null);
  loading = $state(false);
  // Plain fields: `loading` and `answer` change with them, which is what makes `fresh` reactive.
  #asked = '';
  #answered = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;

  /** The answer is for the request asked last (not an older cart). */
  get fresh(): boolean {
    return !this.loading && this.answer !== null && this.#asked === this.#answered;
  }

  /** Asks for a quote of `body` after a pause (none when null: nothing to price yet). */
  request(body: QuoteRequest | null, delay = DELAY_MS) {
    // Called from effects: reading this quote's own state here must not make them depend on it.
    untrack(() => this.#request(body, delay));
  }

  #request(body: QuoteRequest | null, delay: number) {
    const key = body ? fingerprintOf(body) : '';
    if (key === this.#asked && (this.loading || this.answer || this.error)) return;
    this.#asked = key;
    clearTimeout(this.#timer);
    this.#controller?.abort();
    if (!body) {
      this.answer = null;
      this.error = null;
      this.loading = false;
      return;
    }
    this.loading = true;
    this.#timer = setTimeout(() => void this.#send(body, key), delay);
  }

  /** Asks again at once (after the server said the price changed). */
  async refresh(body: QuoteRequest): Promise<QuoteAnswer | null> {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    const key = fingerprintOf(body);
    this.#asked = key;
    this.loading = true;
    await this.#send(body, key);
    return this.#answered === key ? this.answer : null;
  }

  async #send(body: QuoteRequest, key: string) {
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const answer = await call('orders.quote', { body, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.error = null;
      this.#answered = key;
    } catch (caught) {
      if (controller.signal.aborted) return;
      this.answer = null;
      this.error = caught;
      this.#answered = key;
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  destroy() {
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }
}
