import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { Order } from '@arbor/shared/orders/model';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { decodeCursor, encodeCursor, nextCounter, stripKeys, type Item, type Page } from '../lib/db.js';

export function orderItem(order: Order): Item {
  return {
    ...keys.order(order.id),
    entity: 'order',
    GSI1PK: keys.memberOrders(order.buyerId),
    GSI1SK: `${order.createdAt}#${order.id}`,
    GSI2PK: keys.ordersByStatus(order.status),
    GSI2SK: `${order.createdAt}#${order.id}`,
    // Every order, newest first, for staff's company-wide list.
    GSI3PK: keys.allOrders,
    GSI3SK: `${order.createdAt}#${order.id}`,
    // Sparse: orders with any refund (the "returned" queue).
    ...(order.refundedTotal > 0 ? { GSI4PK: keys.returnedOrders, GSI4SK: `${order.createdAt}#${order.id}` } : {}),
    ...order,
  };
}

export async function getOrder(id: string): Promise<Order | null> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.order(id), ConsistentRead: true }),
  );
  return result.Item ? Order.parse(stripKeys(result.Item)) : null;
}

export const nextOrderId = () => nextCounter('ORDER', 100_000);

export interface OrderFilter {
  /** A status, or `returned` for orders with any refund. */
  status?: string;
  type?: 'shop' | 'autoship';
  from?: string;
  to?: string;
}

/** A member's orders, newest first, filtered by status, type and date (GSI1, one partition). */
export async function listMemberOrders(
  memberId: string,
  filter: OrderFilter,
  limit: number,
  cursor?: string,
): Promise<Page<Order>> {
  const values: Record<string, unknown> = { ':pk': keys.memberOrders(memberId) };
  let condition = 'GSI1PK = :pk';
  if (filter.from || filter.to) {
    condition += ' AND GSI1SK BETWEEN :from AND :to';
    values[':from'] = filter.from ?? '0';
    values[':to'] = `${filter.to ?? '9999'}\uffff`;
  }
  const filters: string[] = [];
  const names: Record<string, string> = {};
  if (filter.status === 'returned') filters.push('refundedTotal > :zero');
  else if (filter.status) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.status === 'returned') values[':zero'] = 0;
  if (filter.type) {
    filters.push('#type = :type');
    names['#type'] = 'type';
    values[':type'] = filter.type;
  }
  return readOrderPage(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: condition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    limit,
    cursor,
  );
}

/**
 * One page of orders from an index query, newest first: a filter can leave a
 * read short, so it reads on (at most 8 reads) until the page is full.
 */
async function readOrderPage(
  query: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey' | 'ScanIndexForward'>,
  limit: number,
  cursor?: string,
): Promise<Page<Order>> {
  const items: Order[] = [];
  let start = decodeCursor(cursor);
  for (let reads = 0; reads < 8 && items.length < limit; reads++) {
    const result = await db().send(
      new QueryCommand({
        ...query,
        TableName: env.tableName(),
        ScanIndexForward: false,
        Limit: limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []).map((item) => Order.parse(stripKeys(item))));
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, cursor: encodeCursor(start) };
}

/**
 * Orders across the company, newest first, for staff: every order (GSI3),
 * one status (GSI2), or those with any refund, `returned` (GSI4, sparse);
 * type and dates narrow any of them. One Query partition each, read until
 * the page is full.
 */
export async function listCompanyOrders(filter: OrderFilter, limit: number, cursor?: string): Promise<Page<Order>> {
  const [index, pk] =
    filter.status === 'returned'
      ? (['GSI4', keys.returnedOrders] as const)
      : filter.status
        ? (['GSI2', keys.ordersByStatus(filter.status)] as const)
        : (['GSI3', keys.allOrders] as const);
  const values: Record<string, unknown> = { ':pk': pk };
  let condition = `${index}PK = :pk`;
  if (filter.from || filter.to) {
    condition += ` AND ${index}SK BETWEEN :from AND :to`;
    values[':from'] = filter.from ?? '0';
    values[':to'] = `${filter.to ?? '9999'}\uffff`;
  }
  const names: Record<string, string> = {};
  if (filter.type) {
    names['#type'] = 'type';
    values[':type'] = filter.type;
  }
  return readOrderPage(
    {
      IndexName: index,
      KeyConditionExpression: condition,
      ...(filter.type ? { FilterExpression: '#type = :type', ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    limit,
    cursor,
  );
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
    GSI3PK: keys.volumeByMonth(event.month),
    GSI3SK: `${event.at}#${event.orderId}#${event.seq}`,
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
