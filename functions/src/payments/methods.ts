import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@arbor/shared/errors';
import type { CardInput } from './gateway.js';
import { getPaymentMethod, putPaymentMethod, type PaymentMethod } from './repository.js';
import { paymentGateway } from './sandbox.js';

export {
  deletePaymentMethod as removeMethod,
  listPaymentMethods as listMethods,
  type PaymentMethod,
} from './repository.js';

export const publicMethod = ({ token: _token, ...method }: PaymentMethod) => method;

/** Tokenizes a card with the gateway and keeps the token as a saved card of the member. */
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
  await putPaymentMethod(method);
  return method;
}

export async function getMethod(memberId: string, id: string): Promise<PaymentMethod> {
  const method = await getPaymentMethod(memberId, id);
  if (!method) throw new NotFoundError('That payment method does not exist.', 'payment_method_not_found');
  return method;
}

/** Whether a card will still be valid on a date (its expiry month included). */
export const validOn = (method: Pick<PaymentMethod, 'expMonth' | 'expYear'>, date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return method.expYear > y || (method.expYear === y && method.expMonth >= m);
};
