/** Words for the codes the order and smart-order endpoints answer with. */
import { hasMessage, t, type MessageKey } from '../i18n/index.svelte';

const pick = (key: string, fallback: MessageKey) => t(hasMessage(key) ? key : fallback);

/** Why a cart line cannot be sold (`unknown_sku`, `inactive`, `not_in_market`, `not_for_autoship`, `quantity`). */
export const lineProblemText = (rule: string) => pick(`cartLine.${rule}`, 'cartLine.unknown_sku');

/** Why the card was declined (`card_declined`, `expired_card`, `insufficient_funds`, `invalid_token`). */
export const declineText = (code: string) => pick(`decline.${code}`, 'decline.other');

/** Why a smart-order run did not go through: a card decline in the member's words, else the server's message. */
export const runReasonText = (code: string | undefined, reason: string) =>
  code && hasMessage(`decline.${code}`) ? declineText(code) : reason;

/** What is wrong with a gift card (`unknown_gift_card`, `gift_card_currency`, `gift_card_empty`). */
export const giftCardProblemText = (rule: string) => pick(`giftCard.error.${rule}`, 'giftCard.error.unknown_gift_card');

/** Why a smart order's next run will not go through (`no_card`, `card_expires`, `product_retired`, `retrying`). */
export const autoshipReasonText = (reason: string) => pick(`autoshipReason.${reason}`, 'autoshipReason.other');
