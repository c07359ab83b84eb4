import type { Product } from '../catalog/product.js';
import type { Currency } from '../money.js';
import { shippingCost, type ShippingRule } from './shipping.js';
import { taxOn, type TaxRateRow } from './tax.js';

export interface CartLine {
  sku: string;
  quantity: number;
}

/** Why a cart line cannot be sold, with the field it concerns. */
export interface CartProblem {
  field: string;
  rule: 'unknown_sku' | 'inactive' | 'not_in_market' | 'not_for_autoship' | 'quantity';
  message: string;
}

export interface PricedLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  unitPv: number;
  unitCv: number;
  lineTotal: number;
  weightGrams: number;
}

export interface Quote {
  market: string;
  currency: Currency;
  lines: PricedLine[];
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  pv: number;
  cv: number;
  taxRateBp: number;
}

/**
 * Prices a cart from the server's price list only: whatever price a client
 * might send is never read. Problems are collected per line so the answer
 * names every bad line at once.
 */
export function priceLines(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, Product>,
  market: string,
  language: 'en' | 'es',
  options: { forAutoship?: boolean; fieldPrefix?: string } = {},
): { lines: PricedLine[]; problems: CartProblem[] } {
  const prefix = options.fieldPrefix ?? 'body.items';
  const problems: CartProblem[] = [];
  const priced: PricedLine[] = [];
  lines.forEach((line, index) => {
    const field = `${prefix}.${index}`;
    const product = products.get(line.sku.toUpperCase());
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 999) {
      problems.push({
        field: `${field}.quantity`,
        rule: 'quantity',
        message: `${field}.quantity: must be a whole number from 1 to 999`,
      });
      return;
    }
    if (!product) {
      problems.push({
        field: `${field}.sku`,
        rule: 'unknown_sku',
        message: `${field}.sku: no product has SKU ${line.sku}`,
      });
      return;
    }
    if (!product.active) {
      problems.push({
        field: `${field}.sku`,
        rule: 'inactive',
        message: `${field}.sku: ${product.sku} is no longer sold`,
      });
      return;
    }
    const offer = product.markets[market];
    if (!offer) {
      problems.push({
        field: `${field}.sku`,
        rule: 'not_in_market',
        message: `${field}.sku: ${product.sku} is not sold in ${market}`,
      });
      return;
    }
    if (options.forAutoship && !product.autoshipEligible) {
      problems.push({
        field: `${field}.sku`,
        rule: 'not_for_autoship',
        message: `${field}.sku: ${product.sku} cannot be on a smart order`,
      });
      return;
    }
    priced.push({
      sku: product.sku,
      name: product.name[language],
      quantity: line.quantity,
      unitPrice: offer.price.amount,
      unitPv: offer.pv,
      unitCv: offer.cv,
      lineTotal: offer.price.amount * line.quantity,
      weightGrams: product.weightGrams * line.quantity,
    });
  });
  return { lines: priced, problems };
}

/** Totals of priced lines with shipping and the tax rate that applies to the address. */
export function quoteTotals(
  lines: PricedLine[],
  market: string,
  currency: Currency,
  shippingRule: ShippingRule,
  taxRate: Pick<TaxRateRow, 'rateBp' | 'taxShipping'>,
): Quote {
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const weight = lines.reduce((sum, line) => sum + line.weightGrams, 0);
  const shipping = shippingCost(shippingRule, subtotal, weight);
  const tax = taxOn(subtotal + (taxRate.taxShipping ? shipping : 0), taxRate.rateBp);
  return {
    market,
    currency,
    lines,
    subtotal,
    shipping,
    tax,
    total: subtotal + shipping + tax,
    pv: lines.reduce((sum, line) => sum + line.unitPv * line.quantity, 0),
    cv: lines.reduce((sum, line) => sum + line.unitCv * line.quantity, 0),
    taxRateBp: taxRate.rateBp,
  };
}
