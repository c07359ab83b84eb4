/**
 * What the order pages decide from an order: which tab lists it, which actions it allows (the
 * lifecycle in shared/src/orders/model.ts), and how a tender's label reads.
 */
import { canMove, type Order, type OrderLine, type OrderStatus } from '@arbor/shared/orders/model';

/** The list's tabs: a status of `GET /api/orders` (`returned` is any order with a refund). */
export const ORDER_TABS = ['', 'open', 'paid', 'shipped', 'delivered', 'declined', 'canceled', 'returned'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

export const isOrderTab = (value: string | null): value is OrderTab =>
  value !== null && (ORDER_TABS as readonly string[]).includes(value);

/** The buyer (or support) may cancel until the order ships; a paid order is refunded. */
export const canCancel = (order: Pick<Order, 'status'>) => canMove(order.status, 'canceled');
export const canRefund = (order: Pick<Order, 'status' | 'lines'>) =>
  canMove(order.status, 'refunded') && order.lines.some((line) => refundableQuantity(line) > 0);
export const canShip = (order: Pick<Order, 'status'>) => order.status === 'paid';
export const canDeliver = (order: Pick<Order, 'status'>) => order.status === 'shipped';
export const canPay = (order: Pick<Order, 'status'>) => order.status === 'open' || order.status === 'declined';

export const refundableQuantity = (line: Pick<OrderLine, 'quantity' | 'refundedQuantity'>) =>
  line.quantity - line.refundedQuantity;

/** What a card or gift-card tender's label says: "visa ••••4242" -> brand "visa", last 4 "4242". */
export function tenderParts(label: string): { brand: string; last4: string } {
  const match = /^(.*?)\s*•+\s*(\w{1,4})$/.exec(label.trim());
  return match ? { brand: match[1]!.trim(), last4: match[2]! } : { brand: label, last4: '' };
}

/** "visa" -> "Visa", "mastercard" -> "Mastercard", "amex" -> "American Express". */
export function brandName(brand: string): string {
  const known: Record<string, string> = {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'American Express',
    discover: 'Discover',
  };
  return known[brand.toLowerCase()] ?? (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : brand);
}

/** Whether a card's expiry month is before `today`'s month (a card is valid through its month). */
export function cardExpired(card: { expMonth: number; expYear: number }, today = new Date()): boolean {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}

export const STATUS_TONE: Record<OrderStatus, 'ok' | 'wait' | 'bad' | 'off'> = {
  open: 'wait',
  paid: 'ok',
  shipped: 'ok',
  delivered: 'ok',
  declined: 'bad',
  canceled: 'off',
  refunded: 'off',
};

/** `YYYY-MM-DD` of a local date, for date inputs and the API's from/to. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The orders list's address for a tab and, for staff and partners, whose orders. */
export function ordersHref(status: OrderTab, member: string | null): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (member) params.set('member', member);
  const search = params.toString();
  return `/orders${search ? `?${search}` : ''}`;
}

/** Who bought an order, as lists show it: "Ana Gómez (1042)", or the ID alone for older orders. */
export const buyerLabel = (order: Pick<Order, 'buyerId' | 'buyerName'>) =>
  order.buyerName ? `${order.buyerName} (${order.buyerId})` : order.buyerId;
