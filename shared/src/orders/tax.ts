import { z } from 'zod';
import type { Address } from '../members/model.js';

/** A row of the built-in tax table: the most specific row matching an address applies. */
export const TaxRateRow = z.object({
  country: z.string().length(2),
  region: z.string().max(80).optional(),
  /** Postal codes starting with this (e.g. "787" for Austin). */
  postalPrefix: z.string().max(12).optional(),
  rateBp: z.number().int().min(0).max(5000),
  /** Whether shipping is taxed where this row applies. */
  taxShipping: z.boolean().default(false),
});
export type TaxRateRow = z.infer<typeof TaxRateRow>;

const specificity = (row: TaxRateRow) => (row.region ? 1 : 0) + (row.postalPrefix ? 1 + row.postalPrefix.length : 0);

/** The most specific matching row: postal prefix (longest) over region over country; null when none matches. */
export function findTaxRate(table: readonly TaxRateRow[], address: Pick<Address, 'country' | 'region' | 'postalCode'>) {
  const postal = address.postalCode.replace(/\s/g, '').toUpperCase();
  let best: TaxRateRow | null = null;
  for (const row of table) {
    if (row.country !== address.country) continue;
    if (row.region && row.region.toUpperCase() !== address.region.toUpperCase()) continue;
    if (row.postalPrefix && !postal.startsWith(row.postalPrefix.toUpperCase())) continue;
    if (!best || specificity(row) > specificity(best)) best = row;
  }
  return best;
}

/** Tax on an amount in minor units, rounded half up. */
export const taxOn = (amount: number, rateBp: number) => Math.floor((amount * rateBp + 5000) / 10000);
