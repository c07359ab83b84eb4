import { z } from 'zod';
import { Money } from '../money.js';

export const Sku = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,23}$/, 'must be 2 to 24 letters, digits or dashes');

export const Code = z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be 2 to 40 lowercase letters, digits or dashes');

export const LocalizedText = z.object({
  en: z.string().trim().min(1).max(200),
  es: z.string().trim().min(1).max(200),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const LocalizedLongText = z.object({ en: z.string().max(4000), es: z.string().max(4000) });

/** What a product costs and earns in one market: price with currency, PV and CV in points/cents. */
export const MarketOffer = z.object({
  price: Money,
  pv: z.number().int().min(0),
  /** Commissionable value, in the market currency's minor units. */
  cv: z.number().int().min(0),
});
export type MarketOffer = z.infer<typeof MarketOffer>;

export const KitItem = z.object({ sku: Sku, quantity: z.number().int().min(1).max(100) });

/** A product as an admin edits it. */
export const ProductInput = z.object({
  sku: Sku,
  name: LocalizedText,
  description: LocalizedLongText,
  categories: z.array(Code).max(10),
  qualities: z.array(Code).max(20),
  /** Uploaded images (their keys, `products/catalog/<id>`) or https URLs; the first is the main one. */
  images: z
    .array(
      z
        .string()
        .max(500)
        .regex(/^(https:\/\/\S+|products\/catalog\/[0-9a-f-]{36})$/, 'must be an https URL or an uploaded image'),
    )
    .max(10, 'at most 10 images'),
  /** Offer per market code; a product is sold only where it has one. */
  markets: z.record(z.string().length(2), MarketOffer),
  active: z.boolean(),
  autoshipEligible: z.boolean(),
  weightGrams: z.number().int().min(0).max(100_000),
  /** A kit is sold as one line and ships its components. */
  kit: z.array(KitItem).max(30).optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

export const Product = ProductInput.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Product = z.infer<typeof Product>;

export const Category = z.object({ code: Code, name: LocalizedText, sort: z.number().int() });
export type Category = z.infer<typeof Category>;

export const Quality = z.object({ code: Code, name: LocalizedText });
export type Quality = z.infer<typeof Quality>;
