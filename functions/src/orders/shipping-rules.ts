import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RuleError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { ShippingRule } from '@arbor/shared/orders/shipping';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { stripKeys } from '../lib/db.js';

export async function shippingRuleFor(market: string): Promise<ShippingRule> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.shippingRule(market) }));
  if (!result.Item) {
    throw new RuleError('no_shipping', `We do not ship in ${market} yet.`, [
      {
        field: 'body.shippingAddress.country',
        rule: 'no_shipping',
        message: `body.shippingAddress.country: no shipping in ${market}`,
      },
    ]);
  }
  return ShippingRule.parse(stripKeys(result.Item));
}
