/**
 * What the shop needs from a card processor. The built-in sandbox behaves
 * like processors' test modes; a real processor is another implementation of
 * this interface. Every charge and refund carries an idempotency key: the
 * same key twice is the same money movement, never a second one.
 */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
}

export interface CardToken {
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type DeclineCode = 'card_declined' | 'expired_card' | 'insufficient_funds' | 'invalid_token';

export type ChargeResult =
  | { status: 'approved'; transactionId: string; amount: number; currency: string }
  | { status: 'declined'; code: DeclineCode; message: string };

export interface PaymentGateway {
  /** Turns card details into a reusable token (the number itself is never kept). */
  tokenize(card: CardInput): Promise<CardToken>;
  charge(input: {
    token: string;
    amount: number;
    currency: string;
    idempotencyKey: string;
    description: string;
  }): Promise<ChargeResult>;
  refund(input: { transactionId: string; amount: number; idempotencyKey: string }): Promise<{ refundId: string }>;
}
