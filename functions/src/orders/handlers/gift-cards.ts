import { adminApi } from '@arbor/shared/api/admin';
import { ordersApi } from '@arbor/shared/api/orders';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { route } from '../../lib/http.js';
import { db } from '../../lib/aws.js';
import { env } from '../../lib/env.js';
import { RATE_LIMITS, takeRateLimits } from '../../lib/rate-limit.js';

/** A gift card's balance, for the checkout page; rate limited so codes cannot be found by trying. */
export const giftCardBalance = route(ordersApi.giftCardBalance, async ({ params, principal, ip }) => {
  await takeRateLimits([
    [RATE_LIMITS.giftCardPerIp, ip],
    [RATE_LIMITS.giftCardPerMember, principal.memberId],
  ]);
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.giftCard(params.code) }));
  if (!result.Item || !result.Item.active) throw new NotFoundError('No such gift card.', 'gift_card_not_found');
  return {
    code: `••••${String(result.Item.code).slice(-4)}`,
    balance: result.Item.balance,
    currency: result.Item.currency,
  };
});

/** Admin issues a gift card; the code is shown once. */
export const issueGiftCard = route(adminApi.issueGiftCard, async ({ body, principal }) => {
  const code = randomBytes(8)
    .toString('hex')
    .toUpperCase()
    .replace(/(.{4})/g, '$1-')
    .slice(0, 19);
  await db().send(
    new PutCommand({
      TableName: env.tableName(),
      Item: {
        ...keys.giftCard(code),
        entity: 'giftCard',
        code,
        balance: body.amount,
        currency: body.currency,
        active: true,
        issuedBy: principal.memberId,
        issuedAt: new Date().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return { code, balance: body.amount, currency: body.currency };
});
