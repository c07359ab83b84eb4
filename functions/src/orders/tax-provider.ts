import { RuleError } from '@arbor/shared/errors';
import type { Address } from '@arbor/shared/members/model';
import { findTaxRate } from '@arbor/shared/orders/tax';
import { getTaxRates } from './repository.js';

/**
 * Tax by address. The built-in provider reads the company's rate table (by
 * country, state and postal prefix); an external provider (Avalara, TaxJar…)
 * would be another implementation of the same interface.
 */
export interface TaxProvider {
  rateFor(address: Address): Promise<{ rateBp: number; taxShipping: boolean }>;
}

export const notRateable = (field: string) =>
  new RuleError('address_not_rateable', 'We cannot compute tax for this address; check the state and postal code.', [
    {
      field: `${field}.postalCode`,
      rule: 'address_not_rateable',
      message: `${field}.postalCode: no tax rate covers this address`,
    },
  ]);

export class RateTableTaxProvider implements TaxProvider {
  constructor(private readonly field = 'body.shippingAddress') {}

  async rateFor(address: Address) {
    const row = findTaxRate(await getTaxRates(), address);
    if (!row) throw notRateable(this.field);
    return { rateBp: row.rateBp, taxShipping: row.taxShipping };
  }
}
