import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { stripKeys } from '../lib/db.js';
import type { CardInput } from './gateway.js';
import { paymentGateway } from './sandbox.js';

/** A saved card: the processor's token, brand, last 4 and expiry; never the number. */
export interface PaymentMethod {
  id: string;
  memberId: string;
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string;
  createdAt: string;
}

export const publicMethod = ({ token: _token, ...method }: PaymentMethod) => method;

export async function saveCard(memberId: string, card: CardInput): Promise<PaymentMethod> {
  const token = await paymentGateway().tokenize(card);
  const method: PaymentMethod = {
    id: randomUUID(),
    memberId,
    token: token.token,
    brand: token.brand,
    last4: token.last4,
    expMonth: token.expMonth,
    expYear: token.expYear,
    holder: card.holder,
    createdAt: new Date().toISOString(),
  };
  await db().send(
    new PutCommand({
      TableName: env.tableName(),
      Item: { ...keys.paymentMethod(memberId, method.id), entity: 'paymentMethod', ...method },
    }),
  );
  return method;
}

export async function listMethods(memberId: string): Promise<PaymentMethod[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':prefix': keys.paymentMethodPrefix },
    }),
  );
  return (result.Items ?? []).map((item) => stripKeys<PaymentMethod>(item));
}

export async function getMethod(memberId: string, id: string): Promise<PaymentMethod> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.paymentMethod(memberId, id) }));
  if (!result.Item) {
    throw new NotFoundError('That payment method does not exist.', 'payment_method_not_found');
  }
  return stripKeys<PaymentMethod>(result.Item);
}

export async function removeMethod(memberId: string, id: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: env.tableName(), Key: keys.paymentMethod(memberId, id) }));
}

/** Whether a card will still be valid on a date (its expiry month included). */
export const validOn = (method: Pick<PaymentMethod, 'expMonth' | 'expYear'>, date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return method.expYear > y || (method.expYear === y && method.expMonth >= m);
};
