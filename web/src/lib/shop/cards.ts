/** A card as its form edits it (strings), as the API takes it, and the sandbox's test numbers. */
import { CardInput } from '@arbor/shared/orders/requests';
import { call } from '../api';
import { memberPath } from './data';
import type { PaymentMethod } from './types';
import type { FieldErrors } from '../forms';
import { t } from '../i18n/index.svelte';

export interface CardDraft {
  number: string;
  holder: string;
  expMonth: string;
  expYear: string;
  cvc: string;
}

export const emptyCard = (holder = ''): CardDraft => ({ number: '', holder, expMonth: '', expYear: '', cvc: '' });

/** The built-in sandbox gateway's test cards (functions/src/payments/sandbox.ts). */
export const TEST_CARDS = [
  { number: '4242424242424242', outcome: 'approve' },
  { number: '4000000000000002', outcome: 'card_declined' },
  { number: '4000000000000069', outcome: 'expired_card' },
  { number: '4000000000009995', outcome: 'insufficient_funds' },
] as const;

export function cardBody(draft: CardDraft) {
  return {
    number: draft.number.replace(/[\s-]/g, ''),
    holder: draft.holder.trim(),
    expMonth: Number(draft.expMonth),
    expYear: Number(draft.expYear),
    cvc: draft.cvc.trim(),
  };
}

const CARD_FIELDS = ['number', 'holder', 'expMonth', 'expYear', 'cvc'] as const;

/**
 * The shared schema's verdict by field (`number`, `expMonth`…), in words about cards (the generic
 * form messages speak of member numbers), plus a check that the card has not expired yet.
 */
export function validateCard(draft: CardDraft, today = new Date()): FieldErrors {
  const parsed = CardInput.safeParse({
    ...cardBody(draft),
    expMonth: draft.expMonth ? Number(draft.expMonth) : undefined,
    expYear: draft.expYear ? Number(draft.expYear) : undefined,
  });
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = CARD_FIELDS.find((name) => name === issue.path[0]);
      if (field && !errors[field]) errors[field] = t(`card.error.${field}`);
    }
  }
  const month = Number(draft.expMonth);
  const year = Number(draft.expYear);
  if (!errors.expMonth && !errors.expYear && month && year) {
    if (year < today.getFullYear() || (year === today.getFullYear() && month < today.getMonth() + 1)) {
      errors.expYear = t('card.error.expired');
    }
  }
  return errors;
}

/** Card number in groups of four as it is typed ("4242 4242 4242 4242"). */
export const groupCardNumber = (text: string) =>
  text
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');

/** Saves a new card for the member (here, not in data.ts, so pages that only read the catalog do not load the card schema) (the caller when none is given): the saved card, without its number. */
export async function savePaymentMethod(buyerId: string | null, card: CardDraft): Promise<PaymentMethod> {
  return (
    await call('orders.addPaymentMethod', { params: { id: memberPath(buyerId) }, body: { card: cardBody(card) } })
  ).method;
}
