import type { Product } from '../catalog/product.js';
import type { Member } from '../members/model.js';
import type { Currency } from '../money.js';
import type { Autoship } from '../orders/autoship.js';
import { nextRunDate } from '../orders/autoship-dates.js';
import type { Order } from '../orders/model.js';
import { priceLines, quoteTotals } from '../orders/pricing.js';
import { newOrder } from '../orders/build.js';
import type { ShippingRule } from '../orders/shipping.js';
import { findTaxRate, type TaxRateRow } from '../orders/tax.js';
import { monthlyPeriodOf, weeklyPeriodOf } from '../periods.js';
import { dayKey, monthRange, lastMonths } from '../time.js';
import { DEMO_ACCOUNTS } from './company.js';
import { Random } from './random.js';

export interface DemoCard {
  memberId: string;
  id: string;
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  behaviour: 'approve' | 'card_declined' | 'insufficient_funds';
}

export interface DemoCommerce {
  orders: Order[];
  cards: DemoCard[];
  autoships: Autoship[];
  lastOrderId: number;
}

export interface DemoCommerceOptions {
  now: Date;
  /** Months of order history, the current one included. */
  months: number;
  timeZone: string;
  seed?: number;
  firstOrderId?: number;
  currencies: Record<string, Currency>;
}

const DAY = 86_400_000;

/**
 * Orders, saved cards and smart orders for a generated company, priced with
 * the same pricing code the shop uses. Each member's first paid order is at
 * its first-payment date (a starter kit for partners); active partners
 * mostly reorder every month, inactive ones rarely, customers often.
 */
export function generateCommerce(
  members: readonly Member[],
  products: readonly Product[],
  shipping: readonly ShippingRule[],
  taxTable: readonly TaxRateRow[],
  options: DemoCommerceOptions,
): DemoCommerce {
  const random = new Random(options.seed ?? 77);
  const catalog = new Map(products.map((p) => [p.sku, p]));
  const regular = products.filter((p) => p.active && p.autoshipEligible);
  const windowStart = monthRange(
    lastMonths(options.now, options.months, options.timeZone)[0]!,
    options.timeZone,
  ).start.getTime();
  const nowMs = options.now.getTime();
  const today = dayKey(options.now, options.timeZone);
  let nextOrder = options.firstOrderId ?? 100_001;
  const orders: Order[] = [];
  const cards: DemoCard[] = [];
  const autoships: Autoship[] = [];

  const pickLines = (count: number) =>
    Array.from({ length: count }, () => ({ sku: random.pick(regular).sku, quantity: random.int(1, 2) })).filter(
      (line, index, all) => all.findIndex((l) => l.sku === line.sku) === index,
    );

  const order = (
    buyer: Member,
    at: number,
    cart: { sku: string; quantity: number }[],
    first: boolean,
    cardLabel: string,
  ) => {
    const rule = shipping.find((s) => s.market === buyer.market);
    const address = buyer.address;
    if (!rule || !address) return;
    const rate = findTaxRate(taxTable, address) ?? { rateBp: 0, taxShipping: false };
    const { lines } = priceLines(cart, catalog, buyer.market, buyer.language);
    if (lines.length === 0) return;
    const quote = quoteTotals(lines, buyer.market, options.currencies[buyer.market] ?? 'USD', rule, rate);
    const paidAt = new Date(at);
    const ageDays = (nowMs - at) / DAY;
    const status = ageDays < 2 ? 'paid' : ageDays < 8 ? 'shipped' : 'delivered';
    const iso = paidAt.toISOString();
    const order = newOrder({
      id: String(nextOrder++),
      type: 'shop',
      buyer,
      placedById: buyer.id,
      quote,
      shippingAddress: address,
      tenders: [
        {
          kind: 'card',
          amount: quote.total,
          label: cardLabel,
          transactionId: `ch_demo_${nextOrder}`,
          status: 'approved',
          refunded: 0,
        },
      ],
      createdAt: iso,
      paid: {
        at: iso,
        month: monthlyPeriodOf(paidAt, options.timeZone),
        week: weeklyPeriodOf(paidAt, options.timeZone),
      },
    });
    // Older orders went out the next day and arrived within the week, as their history says.
    const shippedAt = status === 'paid' ? null : new Date(at + DAY).toISOString();
    const deliveredAt = status === 'delivered' ? new Date(at + 5 * DAY).toISOString() : null;
    const trackingNumber = shippedAt ? `1Z${String(nextOrder).padStart(12, '0')}` : null;
    orders.push({
      ...order,
      status,
      firstOrder: first,
      shippedAt,
      deliveredAt,
      trackingNumber,
      history: [
        ...order.history,
        ...(shippedAt
          ? [{ at: shippedAt, actorId: 'system', status: 'shipped' as const, note: `tracking ${trackingNumber}` }]
          : []),
        ...(deliveredAt ? [{ at: deliveredAt, actorId: 'system', status: 'delivered' as const }] : []),
      ],
    });
  };

  for (const member of members) {
    if (member.kind === 'staff' || member.status === 'canceled') continue;
    const isDemo = member.username === DEMO_ACCOUNTS.partner || member.username === DEMO_ACCOUNTS.customer;
    // A saved card for most buyers; a few that will decline, to make smart-order runs realistic.
    const roll = random.next();
    const behaviour: DemoCard['behaviour'] = isDemo
      ? 'approve'
      : roll < 0.03
        ? 'card_declined'
        : roll < 0.05
          ? 'insufficient_funds'
          : 'approve';
    const expired = !isDemo && random.chance(0.02);
    const card: DemoCard = {
      memberId: member.id,
      id: `card-${member.id}`,
      token: `tok_demo_${member.id}`,
      brand: random.chance(0.6) ? 'visa' : 'mastercard',
      last4: behaviour === 'approve' ? '4242' : behaviour === 'card_declined' ? '0002' : '9995',
      expMonth: random.int(1, 12),
      expYear: expired ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4)) + random.int(1, 4),
      behaviour,
    };
    cards.push(card);
    const cardLabel = `${card.brand} ••••${card.last4}`;

    const firstPaid = member.firstPaidAt ? Date.parse(member.firstPaidAt) : null;
    if (firstPaid !== null && firstPaid >= windowStart && firstPaid < nowMs) {
      order(
        member,
        firstPaid,
        member.kind === 'partner' ? [{ sku: 'KIT-START', quantity: 1 }] : pickLines(random.int(1, 2)),
        true,
        cardLabel,
      );
    }
    const chance = member.kind === 'customer' ? 0.55 : member.status === 'active' ? 0.85 : 0.15;
    for (const month of lastMonths(options.now, options.months, options.timeZone)) {
      const { start, end } = monthRange(month, options.timeZone);
      const from = Math.max(start.getTime(), firstPaid !== null ? firstPaid + DAY : Infinity);
      const to = Math.min(end.getTime(), nowMs) - 60_000;
      if (!(from < to) || !random.chance(chance)) continue;
      order(member, from + Math.floor(random.next() * (to - from)), pickLines(random.int(1, 3)), false, cardLabel);
      if (member.kind === 'partner' && random.chance(0.15)) {
        order(member, from + Math.floor(random.next() * (to - from)), pickLines(1), false, cardLabel);
      }
    }

    const wantsAutoship =
      isDemo || (member.status === 'active' && random.chance(member.kind === 'partner' ? 0.4 : 0.25));
    if (wantsAutoship && member.address) {
      const day = random.int(1, 28);
      const created = new Date(Math.max(Date.parse(member.enrolledAt), nowMs - 200 * DAY)).toISOString();
      autoships.push({
        id: `00000000-0000-4000-8000-${member.id.padStart(12, '0')}`,
        memberId: member.id,
        status: random.chance(0.06) && !isDemo ? 'paused' : 'active',
        items: pickLines(random.int(1, 3)),
        dayOfMonth: day,
        paymentMethodId: card.id,
        shippingAddress: member.address,
        nextRunDate: nextRunDate(day, today),
        retry: null,
        lastRun: null,
        createdAt: created,
        updatedAt: created,
        version: 1,
      });
    }
  }
  // Orders go in time order so IDs grow with time, as in a real shop.
  orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let id = options.firstOrderId ?? 100_001;
  for (const o of orders) o.id = String(id++);
  return { orders, cards, autoships, lastOrderId: id - 1 };
}
