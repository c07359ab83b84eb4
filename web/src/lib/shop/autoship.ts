/** Smart orders as the pages show and edit them: dates, the items' worth, and the form's body. */
import type { Address } from '@arbor/shared/members/model';
import { stripAddress } from './addresses';
import type { Autoship, CartItem, ShopProduct } from './types';

/** 1-28: every month has the day. */
export const DAYS_OF_MONTH = Array.from({ length: 28 }, (_, i) => i + 1);
export const MAX_AUTOSHIP_QUANTITY = 99;

/** Whole days from `today` (local) until a `YYYY-MM-DD` date; negative when it has passed. */
export function daysUntil(date: string, today = new Date()): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - now) / 86_400_000);
}

/** The date the smart order is processed next: a retry first, else its regular run. */
export const dueDate = (autoship: Pick<Autoship, 'retry' | 'nextRunDate'>) =>
  autoship.retry?.nextAttemptDate ?? autoship.nextRunDate;

/** Subtotal and PV of a run at today's catalog prices (shipping and tax are added when it runs). */
export function runWorth(
  items: readonly CartItem[],
  catalog: ReadonlyMap<string, Pick<ShopProduct, 'price' | 'pv'>>,
): { subtotal: number; pv: number; unknown: string[] } {
  let subtotal = 0;
  let pv = 0;
  const unknown: string[] = [];
  for (const item of items) {
    const product = catalog.get(item.sku);
    if (!product) unknown.push(item.sku);
    else {
      subtotal += product.price.amount * item.quantity;
      pv += product.pv * item.quantity;
    }
  }
  return { subtotal, pv, unknown };
}

/** The lines chosen in the form's quantity boxes (blank or 0 leaves a product out). */
export function chosenItems(quantities: Readonly<Record<string, number | null | undefined>>): CartItem[] {
  return Object.entries(quantities)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([sku, quantity]) => ({ sku, quantity: Math.min(MAX_AUTOSHIP_QUANTITY, Math.floor(quantity)) }));
}

export interface AutoshipChanges {
  items: CartItem[];
  dayOfMonth: number;
  paymentMethodId: string;
  shippingAddress: Address;
}

/** Only what changed, for the PATCH (the server re-checks everything the autoship would run with). */
export function changedFields(before: Autoship, after: AutoshipChanges): Partial<AutoshipChanges> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: Partial<AutoshipChanges> = {};
  if (!same(before.items, after.items)) out.items = after.items;
  if (before.dayOfMonth !== after.dayOfMonth) out.dayOfMonth = after.dayOfMonth;
  if (before.paymentMethodId !== after.paymentMethodId) out.paymentMethodId = after.paymentMethodId;
  if (!same(stripAddress(before.shippingAddress), stripAddress(after.shippingAddress)))
    out.shippingAddress = after.shippingAddress;
  return out;
}
