/**
 * The cart as plain data: lines of SKU and quantity (never a price: the server prices every
 * quote), who it is for, and how it is kept in localStorage. Pure functions, unit-tested.
 */
import type { Buyer, CartItem } from './types';

/** The API's limits (CartItem and QuoteBody in shared/src/orders/requests.ts). */
export const MAX_QUANTITY = 999;
export const MAX_LINES = 50;

export interface StoredCart {
  items: CartItem[];
  /** Ordering for someone else; null is the signed-in member. */
  buyer: Buyer | null;
}

export const emptyCart = (): StoredCart => ({ items: [], buyer: null });

/** One cart per signed-in member, so a shared computer never mixes two members' carts. */
export const cartStorageKey = (memberId: string) => `arbor.cart.${memberId}`;

const clampQuantity = (quantity: number) => Math.min(MAX_QUANTITY, Math.max(0, Math.floor(quantity)));

/** Adds units of a SKU: to its line if there is one, else as a new line at the end. */
export function addItem(items: readonly CartItem[], sku: string, quantity: number): CartItem[] {
  const units = clampQuantity(quantity);
  if (units === 0) return [...items];
  const existing = items.find((item) => item.sku === sku);
  if (existing) {
    return items.map((item) => (item.sku === sku ? { sku, quantity: clampQuantity(item.quantity + units) } : item));
  }
  if (items.length >= MAX_LINES) return [...items];
  return [...items, { sku, quantity: units }];
}

/** Sets a line's quantity; zero (or less) removes the line. */
export function setQuantity(items: readonly CartItem[], sku: string, quantity: number): CartItem[] {
  const units = Number.isFinite(quantity) ? clampQuantity(quantity) : 0;
  if (units === 0) return removeItem(items, sku);
  return items.map((item) => (item.sku === sku ? { sku, quantity: units } : item));
}

export const removeItem = (items: readonly CartItem[], sku: string): CartItem[] =>
  items.filter((item) => item.sku !== sku);

/** Adds many SKUs at once (the quick-shop list); lines with zero are ignored. */
export function addMany(items: readonly CartItem[], additions: Readonly<Record<string, number>>): CartItem[] {
  return Object.entries(additions).reduce<CartItem[]>(
    (cart, [sku, quantity]) => addItem(cart, sku, quantity),
    [...items],
  );
}

export const unitCount = (items: readonly CartItem[]) => items.reduce((sum, item) => sum + item.quantity, 0);

const isBuyer = (value: unknown): value is Buyer => {
  const buyer = value as Partial<Buyer> | null;
  return (
    typeof buyer === 'object' &&
    buyer !== null &&
    typeof buyer.id === 'string' &&
    /^\d{1,12}$/.test(buyer.id) &&
    typeof buyer.name === 'string' &&
    typeof buyer.market === 'string'
  );
};

/**
 * What localStorage held, checked line by line: anything malformed (an old format, a hand edit)
 * is dropped rather than sent to the server or crashing the page.
 */
export function parseStoredCart(json: string | null): StoredCart {
  if (!json) return emptyCart();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return emptyCart();
  }
  if (typeof raw !== 'object' || raw === null) return emptyCart();
  const { items, buyer } = raw as { items?: unknown; buyer?: unknown };
  const lines = Array.isArray(items) ? items : [];
  let clean: CartItem[] = [];
  for (const line of lines) {
    const { sku, quantity } = (line ?? {}) as { sku?: unknown; quantity?: unknown };
    if (typeof sku !== 'string' || !/^[A-Z0-9][A-Z0-9-]{1,23}$/.test(sku)) continue;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) continue;
    clean = addItem(clean, sku, quantity);
  }
  return { items: clean, buyer: isBuyer(buyer) ? { id: buyer.id, name: buyer.name, market: buyer.market } : null };
}

/**
 * The subtotal and PV of the cart from the catalog's prices, in integer minor units: shown only
 * until the server's quote arrives (or when there is no address to quote yet).
 */
export function estimate(
  items: readonly CartItem[],
  catalog: ReadonlyMap<string, { price: { amount: number }; pv: number }>,
): { subtotal: number; pv: number; missing: string[] } {
  let subtotal = 0;
  let pv = 0;
  const missing: string[] = [];
  for (const item of items) {
    const product = catalog.get(item.sku);
    if (!product) {
      missing.push(item.sku);
      continue;
    }
    subtotal += product.price.amount * item.quantity;
    pv += product.pv * item.quantity;
  }
  return { subtotal, pv, missing };
}
