import { keys } from '@arbor/shared/keys';
import type { Currency } from '@arbor/shared/money';
import { getItem, putItem, txUpdate, type Item, type TableWrite } from '../lib/db.js';

/** The payments' store: gift cards (`GIFTCARD#<CODE>`). */

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
