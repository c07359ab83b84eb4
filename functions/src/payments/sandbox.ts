import { randomUUID } from 'node:crypto';
import { RuleError } from '@arbor/shared/errors';
import { keys, type Key } from '@arbor/shared/keys';
import { getGatewayRecord, insertGatewayRecord, putGatewayRecord } from './repository.js';
import type { CardInput, CardToken, ChargeResult, DeclineCode, PaymentGateway } from './gateway.js';

/** Test cards, as processors' test modes have them. Any other valid number is approved. */
export const SANDBOX_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  expired: '4000000000000069',
  insufficientFunds: '4000000000009995',
} as const;

const BEHAVIOUR: Record<string, DeclineCode | 'approve'> = {
  [SANDBOX_CARDS.declined]: 'card_declined',
  [SANDBOX_CARDS.expired]: 'expired_card',
  [SANDBOX_CARDS.insufficientFunds]: 'insufficient_funds',
};

const MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'The card was declined.',
  expired_card: 'The card has expired.',
  insufficient_funds: 'The card has insufficient funds.',
  invalid_token: 'The saved card is no longer valid.',
};

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'card';
}

const cardError = (field: string, message: string) =>
  new RuleError('invalid_card', message, [
    { field: `body.card.${field}`, rule: 'invalid_card', message: `body.card.${field}: ${message}` },
  ]);

/**
 * The sandbox gateway keeps its side (tokens, charges by idempotency key) in
 * the table under GATEWAY# keys, standing in for the processor's own books.
 */
export class SandboxGateway implements PaymentGateway {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async tokenize(card: CardInput): Promise<CardToken> {
    const number = card.number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(number) || !luhn(number)) throw cardError('number', 'is not a valid card number');
    if (!/^\d{3,4}$/.test(card.cvc)) throw cardError('cvc', 'must be 3 or 4 digits');
    const token = `tok_${randomUUID().replace(/-/g, '')}`;
    const result: CardToken = {
      token,
      brand: brandOf(number),
      last4: number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
    };
    await putGatewayRecord({
      ...keys.gatewayToken(token),
      entity: 'gatewayToken',
      ...result,
      behaviour: BEHAVIOUR[number] ?? 'approve',
    });
    return result;
  }

  async charge(input: {
    token: string;
    amount: number;
    currency: string;
    idempotencyKey: string;
    description: string;
  }): Promise<ChargeResult> {
    const record = await this.once(keys.gatewayCharge(input.idempotencyKey), async () => {
      const token = await getGatewayRecord(keys.gatewayToken(input.token));
      let result: ChargeResult;
      if (!token) result = { status: 'declined', code: 'invalid_token', message: MESSAGES.invalid_token };
      else {
        const now = this.now();
        const expired =
          Number(token.expYear) < now.getUTCFullYear() ||
          (Number(token.expYear) === now.getUTCFullYear() && Number(token.expMonth) < now.getUTCMonth() + 1);
        const behaviour = expired ? 'expired_card' : (token.behaviour as DeclineCode | 'approve');
        result =
          behaviour === 'approve'
            ? {
                status: 'approved',
                transactionId: `ch_${randomUUID().replace(/-/g, '')}`,
                amount: input.amount,
                currency: input.currency,
              }
            : { status: 'declined', code: behaviour, message: MESSAGES[behaviour] };
      }
      return { entity: 'gatewayCharge', amount: input.amount, description: input.description, result };
    });
    return record.result as ChargeResult;
  }

  async refund(input: {
    transactionId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ refundId: string }> {
    const record = await this.once(keys.gatewayRefund(input.idempotencyKey), async () => ({
      entity: 'gatewayRefund',
      transactionId: input.transactionId,
      amount: input.amount,
      refundId: `re_${randomUUID().replace(/-/g, '')}`,
    }));
    return { refundId: record.refundId as string };
  }

  /**
   * The processor's idempotency: the first request with a key decides; any
   * later one (a retry, a race) gets the same record back.
   */
  private async once(key: Key, create: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const previous = await getGatewayRecord(key, { consistent: true });
    if (previous) return previous;
    const record = { ...key, at: this.now().toISOString(), ...(await create()) };
    if (await insertGatewayRecord(record)) return record;
    return (await getGatewayRecord(key, { consistent: true }))!;
  }
}

let gateway: PaymentGateway | undefined;
/** The gateway in use; the sandbox until a real processor is configured. */
export const paymentGateway = (): PaymentGateway => (gateway ??= new SandboxGateway());
