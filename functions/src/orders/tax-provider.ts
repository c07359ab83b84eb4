import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RuleError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import type { Address } from '@arbor/shared/members/model';
import { findTaxRate, TaxRateRow } from '@arbor/shared/orders/tax';
import { z } from 'zod';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';

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
    const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.taxTable() }));
    const rows = z.array(TaxRateRow).parse(result.Item?.rows ?? []);
    const row = findTaxRate(rows, address);
    if (!row) throw notRateable(this.field);
    return { rateBp: row.rateBp, taxShipping: row.taxShipping };
  }
}
