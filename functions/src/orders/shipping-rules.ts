import { RuleError } from '@arbor/shared/errors';
import type { ShippingRule } from '@arbor/shared/orders/shipping';
import { getShippingRule } from './repository.js';

/** The market's shipping rule; a market without one is a 422 naming the address's country. */
export async function shippingRuleFor(market: string): Promise<ShippingRule> {
  const rule = await getShippingRule(market);
  if (!rule) {
    throw new RuleError('no_shipping', `We do not ship in ${market} yet.`, [
      {
        field: 'body.shippingAddress.country',
        rule: 'no_shipping',
        message: `body.shippingAddress.country: no shipping in ${market}`,
      },
    ]);
  }
  return rule;
}
