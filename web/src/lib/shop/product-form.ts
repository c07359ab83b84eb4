/**
 * The admin's product form: a `ProductInput` as strings the inputs edit, and back. Money (price
 * and CV) is typed as a decimal ("34.95") and becomes integer minor units by string handling, so
 * no float rounding ever changes a price. Errors use the server's field paths (`markets.US.pv`),
 * so the server's and the browser's land on the same inputs.
 */
import { ProductInput, type Product } from '@arbor/shared/catalog/product';
import type { Market } from '@arbor/shared/company';
import { zodFieldErrors, type FieldErrors } from '../forms';
import { t } from '../i18n/index.svelte';
import { moneyInputText, parseMoneyInput, parseWholeNumber } from './money';

export interface OfferDraft {
  sold: boolean;
  price: string;
  pv: string;
  cv: string;
}

export interface ProductDraft {
  sku: string;
  name: { en: string; es: string };
  description: { en: string; es: string };
  categories: string[];
  qualities: string[];
  /** Image keys or https addresses, the main one first. */
  images: string[];
  markets: Record<string, OfferDraft>;
  active: boolean;
  autoshipEligible: boolean;
  weightGrams: string;
  kit: { sku: string; quantity: string }[];
}

const emptyOffer = (): OfferDraft => ({ sold: false, price: '', pv: '', cv: '' });

export function productDraft(product: Product | null, markets: readonly Market[]): ProductDraft {
  const offers: Record<string, OfferDraft> = {};
  for (const market of markets) {
    const offer = product?.markets[market.code];
    offers[market.code] = offer
      ? { sold: true, price: moneyInputText(offer.price.amount), pv: String(offer.pv), cv: moneyInputText(offer.cv) }
      : emptyOffer();
  }
  // A market the company no longer lists keeps its offer (it is not this form's to delete).
  for (const [code, offer] of Object.entries(product?.markets ?? {})) {
    offers[code] ??= {
      sold: true,
      price: moneyInputText(offer.price.amount),
      pv: String(offer.pv),
      cv: moneyInputText(offer.cv),
    };
  }
  return {
    sku: product?.sku ?? '',
    name: { en: product?.name.en ?? '', es: product?.name.es ?? '' },
    description: { en: product?.description.en ?? '', es: product?.description.es ?? '' },
    categories: [...(product?.categories ?? [])],
    qualities: [...(product?.qualities ?? [])],
    images: [...(product?.images ?? [])],
    markets: offers,
    active: product?.active ?? true,
    autoshipEligible: product?.autoshipEligible ?? true,
    weightGrams: product ? String(product.weightGrams) : '',
    kit: (product?.kit ?? []).map((item) => ({ sku: item.sku, quantity: String(item.quantity) })),
  };
}

/**
 * The body for the API, or the problems by field path. Decimal and whole-number inputs are parsed
 * here (with messages about money); the shared schema checks the rest.
 */
export function productInput(
  draft: ProductDraft,
  currencies: Readonly<Record<string, Market['currency']>>,
): { input: ProductInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const markets: Record<string, { price: { amount: number; currency: Market['currency'] }; pv: number; cv: number }> =
    {};
  for (const [code, offer] of Object.entries(draft.markets)) {
    if (!offer.sold) continue;
    const price = parseMoneyInput(offer.price);
    const pv = parseWholeNumber(offer.pv);
    const cv = parseMoneyInput(offer.cv);
    if (price === null) errors[`markets.${code}.price.amount`] = t('product.error.money');
    if (pv === null) errors[`markets.${code}.pv`] = t('product.error.whole');
    if (cv === null) errors[`markets.${code}.cv`] = t('product.error.money');
    const currency = currencies[code];
    if (price !== null && pv !== null && cv !== null && currency) {
      markets[code] = { price: { amount: price, currency }, pv, cv };
    }
  }
  const weight = parseWholeNumber(draft.weightGrams);
  if (weight === null) errors.weightGrams = t('product.error.whole');
  const kit = draft.kit
    .filter((item) => item.sku !== '' || item.quantity.trim() !== '')
    .map((item, index) => {
      const quantity = parseWholeNumber(item.quantity);
      if (!item.sku) errors[`kit.${index}.sku`] = t('product.error.kitSku');
      if (quantity === null || quantity < 1) errors[`kit.${index}.quantity`] = t('product.error.kitQuantity');
      return { sku: item.sku, quantity: quantity ?? 0 };
    });
  const candidate = {
    sku: draft.sku.trim().toUpperCase(),
    name: { en: draft.name.en.trim(), es: draft.name.es.trim() },
    description: { en: draft.description.en.trim(), es: draft.description.es.trim() },
    categories: draft.categories,
    qualities: draft.qualities,
    images: draft.images,
    markets,
    active: draft.active,
    autoshipEligible: draft.autoshipEligible,
    weightGrams: weight ?? 0,
    ...(kit.length ? { kit } : {}),
  };
  const parsed = ProductInput.safeParse(candidate);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(zodFieldErrors(parsed.error))) errors[path] ??= message;
  }
  // An active product sold nowhere would be invisible in every shop.
  if (draft.active && !Object.values(draft.markets).some((offer) => offer.sold)) {
    errors.markets = t('product.error.noMarket');
  }
  return Object.keys(errors).length || !parsed.success ? { input: null, errors } : { input: parsed.data, errors };
}
