import { ConflictError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { Order } from '@arbor/shared/orders/model';
import { ShippingRule } from '@arbor/shared/orders/shipping';
import { TaxRateRow } from '@arbor/shared/orders/tax';
import { INDEX, indexKeys } from '@arbor/shared/table';
import { z } from 'zod';
import {
  decodeCursor,
  encodeCursor,
  getItem,
  nextCounter,
  query,
  scanPage,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  txUpdate,
  updateItem,
  conditionally,
  type Item,
  type Page,
  type QuerySpec,
  type StartKey,
  type TableWrite,
} from '../lib/db.js';

/**
 * The orders' store: orders (`ORDER#<id>`, in the buyer's list, its status's,
 * every order's and, once refunded, the returned list), their volume events,
 * checkout marks, and the company's shipping rules and tax table.
 */

// ---- items --------------------------------------------------------------------------------------------------------

export function orderItem(order: Order): Item {
  const sort = keys.orderSort(order.createdAt, order.id);
  return {
    ...keys.order(order.id),
    entity: 'order',
    ...indexKeys(INDEX.memberOrders, keys.memberOrders(order.buyerId), sort),
    ...indexKeys(INDEX.ordersByStatus, keys.ordersByStatus(order.status), sort),
    // Every order, newest first, for staff's company-wide list.
    ...indexKeys(INDEX.allOrders, keys.allOrders, sort),
    // Sparse: orders with any refund (the "returned" queue).
    ...(order.refundedTotal > 0 ? indexKeys(INDEX.returnedOrders, keys.returnedOrders, sort) : {}),
    ...order,
  };
}

/** Volume an order adds to (or a refund takes from) the period it happened in. */
export interface VolumeEvent {
  orderId: string;
  seq: number;
  kind: 'sale' | 'refund';
  buyerId: string;
  ownerId: string;
  pv: number;
  cv: number;
  firstOrder: boolean;
  at: string;
  month: string;
  week: string;
  /** Written by a bulk import, which builds the live volumes itself: the live stream skips it. */
  imported?: boolean;
}

export function volumeEventItem(event: VolumeEvent): Item {
  return {
    ...keys.volumeEvent(event.orderId, event.seq),
    entity: 'volumeEvent',
    ...indexKeys(
      INDEX.volumeByMonth,
      keys.volumeByMonth(event.month),
      keys.volumeEventSort(event.at, event.orderId, event.seq),
    ),
    ...event,
  };
}

/** The volume a paid order adds to the period it was paid in. */
export const saleVolumeEvent = (order: Order): VolumeEvent => ({
  orderId: order.id,
  seq: 1,
  kind: 'sale',
  buyerId: order.buyerId,
  ownerId: order.ownerId,
  pv: order.pv,
  cv: order.cv,
  firstOrder: order.firstOrder,
  at: order.paidAt!,
  month: order.paidMonth!,
  week: order.paidWeek!,
});

/** A refund's (negative) volume, in the transaction that claims the refund. */
export const volumeEventWrite = (event: VolumeEvent): TableWrite => txPut({ Item: volumeEventItem(event) });

/** The mark that makes a checkout (the caller's idempotency key) one order, in the order's transaction. */
export const checkoutMarkWrite = (checkoutKey: string, order: Order): TableWrite =>
  txPut({
    Item: { ...keys.checkout(checkoutKey), entity: 'checkout', orderId: order.id, at: order.createdAt },
    ConditionExpression: 'attribute_not_exists(PK)',
  });

// ---- reads --------------------------------------------------------------------------------------------------------

export async function getOrder(id: string): Promise<Order | null> {
  const item = await getItem(keys.order(id), { ConsistentRead: true });
  return item ? Order.parse(stripKeys(item)) : null;
}

export const nextOrderId = () => nextCounter('ORDER', 100_000);

/** The order a checkout (the caller's idempotency key) made, if any. */
export async function checkoutOrderId(checkoutKey: string): Promise<string | null> {
  const mark = await getItem(keys.checkout(checkoutKey), { ConsistentRead: true });
  return (mark?.orderId as string | undefined) ?? null;
}

export interface OrderFilter {
  /** A status, or `returned` for orders with any refund. */
  status?: string;
  type?: 'shop' | 'autoship';
  from?: string;
  to?: string;
}

/** The creation-time range of a filter, as a sort-key condition of any of the order lists. */
const dateRange = (filter: OrderFilter): Pick<QuerySpec, 'sk'> =>
  filter.from || filter.to ? { sk: { between: [filter.from ?? '0', `${filter.to ?? '9999'}\uffff`] } } : {};

/** A member's orders, newest first, filtered by status, type and date (GSI1, one partition). */
export async function listMemberOrders(
  memberId: string,
  filter: OrderFilter,
  limit: number,
  cursor?: string,
): Promise<Page<Order>> {
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const names: Record<string, string> = {};
  if (filter.status === 'returned') {
    filters.push('refundedTotal > :zero');
    values[':zero'] = 0;
  } else if (filter.status) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.type) {
    filters.push('#type = :type');
    names['#type'] = 'type';
    values[':type'] = filter.type;
  }
  return readOrderPage(
    {
      index: INDEX.memberOrders,
      pk: keys.memberOrders(memberId),
      ...dateRange(filter),
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    limit,
    cursor,
  );
}

/**
 * Orders across the company, newest first, for staff: every order (GSI3),
 * one status (GSI2), or those with any refund, `returned` (GSI4, sparse);
 * type and dates narrow any of them. One Query partition each, read until
 * the page is full.
 */
export async function listCompanyOrders(filter: OrderFilter, limit: number, cursor?: string): Promise<Page<Order>> {
  const list =
    filter.status === 'returned'
      ? { index: INDEX.returnedOrders, pk: keys.returnedOrders }
      : filter.status
        ? { index: INDEX.ordersByStatus, pk: keys.ordersByStatus(filter.status) }
        : { index: INDEX.allOrders, pk: keys.allOrders };
  return readOrderPage(
    {
      ...list,
      ...dateRange(filter),
      ...(filter.type
        ? {
            FilterExpression: '#type = :type',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': filter.type },
          }
        : {}),
    },
    limit,
    cursor,
  );
}

/**
 * One page of orders from an index query, newest first: a filter can leave a
 * read short, so it reads on (at most 8 reads) until the page is full.
 */
async function readOrderPage(spec: QuerySpec, limit: number, cursor?: string): Promise<Page<Order>> {
  const items: Order[] = [];
  let start = decodeCursor(cursor);
  for (let reads = 0; reads < 8 && items.length < limit; reads++) {
    const result = await query({ ...spec, ScanIndexForward: false, Limit: limit - items.length }, start);
    items.push(...result.items.map((item) => Order.parse(stripKeys(item))));
    start = result.lastKey;
    if (!start) break;
  }
  return { items, cursor: encodeCursor(start) };
}

/** The shipping rule of a market, or null where the company does not ship. */
export async function getShippingRule(market: string): Promise<ShippingRule | null> {
  const item = await getItem(keys.shippingRule(market));
  return item ? ShippingRule.parse(stripKeys(item)) : null;
}

/** The company's tax rates (by country, state and postal prefix). */
export async function getTaxRates(): Promise<TaxRateRow[]> {
  const item = await getItem(keys.taxTable());
  return z.array(TaxRateRow).parse(item?.rows ?? []);
}

// ---- writes -------------------------------------------------------------------------------------------------------

const stale = () => new ConflictError('The order changed meanwhile. Reload it and try again.', 'version_conflict');

/**
 * The buyer's paid date on its profile: `firstPaidAt` if it never paid
 * before (the condition decides, inside the order's transaction, so two first
 * orders at once cannot both be first), else `lastOrderAt`.
 */
function buyerPaidWrite(order: Order, first: boolean): TableWrite {
  return txUpdate({
    Key: keys.member(order.buyerId),
    UpdateExpression: first ? 'SET firstPaidAt = :at' : 'SET lastOrderAt = :at',
    ...(first ? { ConditionExpression: 'attribute_not_exists(firstPaidAt) OR firstPaidAt = :null' } : {}),
    ExpressionAttributeValues: first ? { ':at': order.paidAt, ':null': null } : { ':at': order.paidAt },
  });
}

/**
 * Writes a paid order's transaction: `writes(first)` as the buyer's first
 * paid order, its last write the buyer's paid date; when only that write's
 * condition fails (the buyer had paid before), again as a repeat order.
 */
async function transactPaid(writes: (first: boolean) => TableWrite[], tryFirst = true): Promise<boolean> {
  if (tryFirst) {
    const operations = writes(true);
    try {
      await transact(operations);
      return true;
    } catch (error) {
      const paidBefore =
        error instanceof TransactionConditionError &&
        error.failedIndexes.every((index) => index === operations.length - 1);
      if (!paidBefore) throw error;
    }
  }
  await transact(writes(false));
  return false;
}

/** The writes of a sale, the buyer's paid date last (see transactPaid). */
const saleWrites = (order: Order, first: boolean): TableWrite[] => [
  txPut({ Item: volumeEventItem(saleVolumeEvent(order)), ConditionExpression: 'attribute_not_exists(PK)' }),
  buyerPaidWrite(order, first),
];

/**
 * Writes a new order with the mark that makes it once (a checkout's, a smart
 * order run's) and `also` (the member's log, gift-card debits, its event:
 * built from the order as written), in one transaction; a paid order with its
 * sale's volume and the buyer's paid date, first or repeat decided inside it.
 * `marked`: the mark existed (the same checkout or run was recorded
 * meanwhile); `conflict`: another condition failed (a gift card spent
 * meanwhile); nothing was written either way.
 */
export async function insertOrder(
  order: Order,
  mark: TableWrite,
  also: (final: Order) => TableWrite[],
): Promise<'inserted' | 'marked' | 'conflict'> {
  const writes = (first: boolean) => {
    const final: Order = { ...order, firstOrder: first };
    return [
      txPut({ Item: orderItem(final), ConditionExpression: 'attribute_not_exists(PK)' }),
      mark,
      ...also(final),
      ...(order.status === 'paid' ? saleWrites(final, first) : []),
    ];
  };
  try {
    if (order.status === 'paid') await transactPaid(writes);
    else await transact(writes(false));
    return 'inserted';
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    return error.failedIndexes.includes(1) ? 'marked' : 'conflict';
  }
}

/**
 * Writes a new version of an order over the one read (`before`; a 409 if it
 * changed meanwhile) with `also` in one transaction (a refund's volume and
 * gift-card credits, the member's log, an event).
 */
export async function saveOrderVersion(before: Order, after: Order, also: TableWrite[] = []): Promise<void> {
  try {
    await transact([versionWrite(before, after), ...also]);
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) throw stale();
    throw error;
  }
}

const versionWrite = (before: Order, after: Order) =>
  txPut({
    Item: orderItem(after),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': before.version },
  });

/**
 * Writes an order's paid version over `before` (a 409 if it changed
 * meanwhile) with its sale's volume, the buyer's paid date (first or repeat,
 * decided inside the transaction) and `also(final)`: the order as written.
 */
export async function savePaidVersion(
  before: Order,
  paid: (first: boolean) => Order,
  also: (final: Order) => TableWrite[],
): Promise<Order> {
  let written: Order | undefined;
  try {
    await transactPaid((first) => {
      written = paid(first);
      return [versionWrite(before, written), ...also(written), ...saleWrites(written, first)];
    });
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) throw stale();
    throw error;
  }
  return written!;
}

// ---- maintenance --------------------------------------------------------------------------------------------------

/** A page of orders written before the company-wide lists existed (no GSI3 key): a one-off scan. */
export async function ordersWithoutListKeys(start?: StartKey): Promise<{ orders: Order[]; lastKey?: StartKey }> {
  const page = await scanPage(
    {
      FilterExpression: `entity = :order AND attribute_not_exists(${INDEX.allOrders.partitionKey})`,
      ExpressionAttributeValues: { ':order': 'order' },
    },
    start,
  );
  return {
    orders: page.items.map((item) => stripKeys<Order>(item)),
    ...(page.lastKey ? { lastKey: page.lastKey } : {}),
  };
}

/**
 * Gives an order the company-wide lists' keys `orderItem` writes now (every
 * order; returned ones) and nothing else, if its version is still the one read:
 * false when it changed meanwhile (it was written with the keys already).
 */
export function addListKeys(order: Order): Promise<boolean> {
  const wanted = orderItem(order);
  const names = [INDEX.allOrders, INDEX.returnedOrders]
    .flatMap((index) => [index.partitionKey, index.sortKey])
    .filter((name) => wanted[name] !== undefined);
  return conditionally(
    updateItem({
      Key: keys.order(order.id),
      UpdateExpression: `SET ${names.map((name) => `${name} = :${name}`).join(', ')}`,
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: {
        ':version': order.version,
        ...Object.fromEntries(names.map((name) => [`:${name}`, wanted[name]])),
      },
    }),
  );
}
