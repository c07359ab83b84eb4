import { adminApi } from '@arbor/shared/api/admin';
import { ordersApi } from '@arbor/shared/api/orders';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { RATE_LIMITS, takeRateLimits } from '../../lib/rate-limit.js';
import { getGiftCard, insertGiftCard } from '../../payments/repository.js';

/** A gift card's balance, for the checkout page; rate limited so codes cannot be found by trying. */
export const giftCardBalance = route(ordersApi.giftCardBalance, async ({ params, principal, ip }) => {
  await takeRateLimits([
    [RATE_LIMITS.giftCardPerIp, ip],
    [RATE_LIMITS.giftCardPerMember, principal.memberId],
  ]);
  const card = await getGiftCard(params.code);
  if (!card || !card.active) throw new NotFoundError('No such gift card.', 'gift_card_not_found');
  return { code: `••••${String(card.code).slice(-4)}`, balance: card.balance, currency: card.currency };
});

/** Admin issues a gift card; the code is shown once. */
export const issueGiftCard = route(adminApi.issueGiftCard, async ({ body, principal }) => {
  const code = randomBytes(8)
    .toString('hex')
    .toUpperCase()
    .replace(/(.{4})/g, '$1-')
    .slice(0, 19);
  await insertGiftCard({
    code,
    balance: body.amount,
    currency: body.currency,
    active: true,
    issuedBy: principal.memberId,
    issuedAt: new Date().toISOString(),
  });
  return { code, balance: body.amount, currency: body.currency };
});
