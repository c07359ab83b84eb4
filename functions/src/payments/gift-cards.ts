import { RuleError } from '@arbor/shared/errors';
import type { Currency } from '@arbor/shared/money';
import { getGiftCard, type GiftCard } from './repository.js';

export type { GiftCard } from './repository.js';

const refuse = (index: number, rule: string, message: string) =>
  new RuleError(rule, message, [
    { field: `body.giftCards.${index}`, rule, message: `body.giftCards.${index}: ${message}` },
  ]);

/** Reads gift cards to apply, checking each is real, active and in the order's currency. */
export async function loadGiftCards(codes: readonly string[], currency: Currency): Promise<GiftCard[]> {
  const cards: GiftCard[] = [];
  for (const [index, code] of codes.entries()) {
    const card = await getGiftCard(code, { consistent: true });
    if (!card || !card.active) throw refuse(index, 'unknown_gift_card', 'is not a valid gift card');
    if (card.currency !== currency)
      throw refuse(index, 'gift_card_currency', `is in ${card.currency}, the order is in ${currency}`);
    if (card.balance <= 0) throw refuse(index, 'gift_card_empty', 'has no balance left');
    cards.push({ code: card.code, balance: card.balance, currency: card.currency, active: card.active });
  }
  return cards;
}

export const giftCardLabel = (code: string) => `Gift card ••••${code.slice(-4)}`;
