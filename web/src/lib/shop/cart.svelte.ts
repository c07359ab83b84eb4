/**
 * The signed-in member's cart, kept in localStorage under the member's ID so it survives a reload
 * and follows the member across tabs (the `storage` event). Who the cart is for (ordering for a
 * customer or, for staff, any member) is part of it.
 */
import {
  addItem,
  addMany,
  cartStorageKey,
  emptyCart,
  parseStoredCart,
  removeItem,
  setQuantity,
  unitCount,
  type StoredCart,
} from './cart';
import { session } from '../session.svelte';
import type { Buyer, CartItem } from './types';

class CartStore {
  #owner: string | null = null;
  #state = $state<StoredCart>(emptyCart());

  get items(): CartItem[] {
    return this.#state.items;
  }

  get buyer(): Buyer | null {
    return this.#state.buyer;
  }

  get count(): number {
    return unitCount(this.#state.items);
  }

  get owner(): string | null {
    return this.#owner;
  }

  /** Loads the cart of the signed-in member (once per member; switching accounts switches carts). */
  open(memberId: string) {
    if (this.#owner === memberId) return;
    this.#owner = memberId;
    this.#state = parseStoredCart(localStorage.getItem(cartStorageKey(memberId)));
  }

  /** Another tab changed the cart: take its version. */
  syncFrom(event: StorageEvent) {
    if (this.#owner && event.key === cartStorageKey(this.#owner)) this.#state = parseStoredCart(event.newValue);
  }

  #write(next: StoredCart) {
    this.#state = next;
    if (!this.#owner) return;
    try {
      localStorage.setItem(cartStorageKey(this.#owner), JSON.stringify(next));
    } catch {
      // Storage full or blocked (private mode): the cart still works for this visit.
    }
  }

  add(sku: string, quantity = 1) {
    this.#write({ ...this.#state, items: addItem(this.#state.items, sku, quantity) });
  }

  addMany(additions: Record<string, number>) {
    this.#write({ ...this.#state, items: addMany(this.#state.items, additions) });
  }

  setQuantity(sku: string, quantity: number) {
    this.#write({ ...this.#state, items: setQuantity(this.#state.items, sku, quantity) });
  }

  remove(sku: string) {
    this.#write({ ...this.#state, items: removeItem(this.#state.items, sku) });
  }

  setBuyer(buyer: Buyer | null) {
    this.#write({ ...this.#state, buyer });
  }

  clear() {
    this.#write({ ...this.#state, items: [] });
  }
}

export const cart = new CartStore();

/** The signed-in member's cart (the portal layout has loaded the session before any page runs). */
export function openCart(): CartStore {
  const id = session.me?.member.id;
  if (id) cart.open(id);
  return cart;
}

if (typeof window !== 'undefined') window.addEventListener('storage', (event) => cart.syncFrom(event));
