import { keys } from '@arbor/shared/keys';
import type { Currency } from '@arbor/shared/money';
import type { Key } from '@arbor/shared/keys';
import {
  conditionally,
  getItem,
  putItem,
  query,
  stripKeys,
  transact,
  txDelete,
  txPut,
  txUpdate,
  type Item,
  type TableWrite,
} from '../lib/db.js';
import { cardTokenWrites } from '../support/repository/search.js';

/**
 * The payments' store: gift cards (`GIFTCARD#<CODE>`), members' saved cards
 * (`MEMBER#<id>` / `PAYMENT#<id>`) and the sandbox gateway's own records
 * (`GATEWAY#…`, standing in for a processor's books).
 */

export interface GiftCard {
  code: string;
  balance: number;
  currency: Currency;
  active: boolean;
}

/** A gift card as issued: by whom and when. */
export interface IssuedGiftCard extends GiftCard {
  issuedBy: string;
  issuedAt: string;
}

export const giftCardItem = (card: IssuedGiftCard): Item => ({
  ...keys.giftCard(card.code),
  entity: 'giftCard',
  ...card,
});

/** `consistent` when the balance decides a payment. */
export async function getGiftCard(code: string, options: { consistent?: boolean } = {}): Promise<GiftCard | null> {
  const item = await getItem(keys.giftCard(code), { ConsistentRead: options.consistent ?? false });
  return (item as GiftCard | undefined) ?? null;
}

/** Writes a new gift card (a code used already is refused by the condition). */
export async function insertGiftCard(card: IssuedGiftCard): Promise<void> {
  await putItem({ Item: giftCardItem(card), ConditionExpression: 'attribute_not_exists(PK)' });
}

/** Takes a gift card's part of an order, in the order's transaction: only from an active card with enough left. */
export const giftCardDebitWrite = (code: string, amount: number): TableWrite =>
  txUpdate({
    Key: keys.giftCard(code),
    UpdateExpression: 'SET balance = balance - :amount',
    ConditionExpression: 'balance >= :amount AND active = :yes',
    ExpressionAttributeValues: { ':amount': amount, ':yes': true },
  });

/** Gives a refund's gift-card part back, in the transaction that claims the refund. */
export const giftCardCreditWrite = (code: string, amount: number): TableWrite =>
  txUpdate({
    Key: keys.giftCard(code),
    UpdateExpression: 'SET balance = balance + :amount',
    ExpressionAttributeValues: { ':amount': amount },
  });

// ---- saved cards --------------------------------------------------------------------------------------------------

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

export const paymentMethodItem = (method: PaymentMethod): Item => ({
  ...keys.paymentMethod(method.memberId, method.id),
  entity: 'paymentMethod',
  ...method,
});

/** Saves a card with its staff-search token (its last 4), in one transaction. */
export async function putPaymentMethod(method: PaymentMethod): Promise<void> {
  await transact([txPut({ Item: paymentMethodItem(method) }), ...cardTokenWrites(method.memberId, method, 'put')]);
}

/** A member's saved cards. */
export async function listPaymentMethods(memberId: string): Promise<PaymentMethod[]> {
  const { items } = await query({ pk: keys.memberPartition(memberId), sk: { beginsWith: keys.paymentMethodPrefix } });
  return items.map((item) => stripKeys<PaymentMethod>(item));
}

export async function getPaymentMethod(memberId: string, id: string): Promise<PaymentMethod | null> {
  const item = await getItem(keys.paymentMethod(memberId, id));
  return item ? stripKeys<PaymentMethod>(item) : null;
}

/** Deletes a card and its staff-search token, in one transaction. */
export async function deletePaymentMethod(memberId: string, id: string): Promise<void> {
  const method = await getPaymentMethod(memberId, id);
  if (!method) return;
  await transact([txDelete({ Key: keys.paymentMethod(memberId, id) }), ...cardTokenWrites(memberId, method, 'delete')]);
}

// ---- the sandbox gateway's books ----------------------------------------------------------------------------------

/** A record of the sandbox gateway (a token, a charge or a refund), read as the processor would answer it. */
export async function getGatewayRecord(key: Key, options: { consistent?: boolean } = {}): Promise<Item | null> {
  return (await getItem(key, { ConsistentRead: options.consistent ?? false })) ?? null;
}

export async function putGatewayRecord(record: Item): Promise<void> {
  await putItem({ Item: record });
}

/** Writes a record under a key nobody used yet: false when another request wrote it first. */
export const insertGatewayRecord = (record: Item) =>
  conditionally(putItem({ Item: record, ConditionExpression: 'attribute_not_exists(PK)' }));
