import { z } from 'zod';
import { Money } from '../money.js';

/** Shipping in one market: a flat rate plus a rate per started kilogram, free above a subtotal. */
export const ShippingRule = z.object({
  market: z.string().length(2),
  flat: Money,
  perKg: Money,
  freeOver: Money.nullable(),
});
export type ShippingRule = z.infer<typeof ShippingRule>;

export function shippingCost(rule: ShippingRule, subtotal: number, weightGrams: number): number {
  if (rule.freeOver && subtotal >= rule.freeOver.amount) return 0;
  return rule.flat.amount + rule.perKg.amount * Math.ceil(weightGrams / 1000);
}
