/**
 * Browsing the catalog: names in the member's language, filters by category, quality and words,
 * and the A–Z grouping of the quick-shop list. Pure functions over the products the API sent.
 */
import { normalizeText } from '../table';
import type { ShopProduct } from './types';

export type Lang = 'en' | 'es';

export const nameOf = (product: Pick<ShopProduct, 'name'>, lang: Lang) => product.name[lang] || product.name.en;

export interface CatalogFilter {
  category?: string | null;
  quality?: string | null;
  /** Words to find in the name (either language), SKU or description. */
  query?: string;
}

export function filterProducts(items: readonly ShopProduct[], filter: CatalogFilter, lang: Lang): ShopProduct[] {
  const terms = normalizeText(filter.query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return items.filter((product) => {
    if (filter.category && !product.categories.includes(filter.category)) return false;
    if (filter.quality && !product.qualities.includes(filter.quality)) return false;
    if (!terms.length) return true;
    const haystack = normalizeText(
      [nameOf(product, lang), product.name.en, product.name.es, product.sku, product.description[lang]].join(' '),
    );
    return terms.every((term) => haystack.includes(term));
  });
}

export function sortByName(items: readonly ShopProduct[], lang: Lang): ShopProduct[] {
  const collator = new Intl.Collator(lang === 'es' ? 'es-MX' : 'en-US', { sensitivity: 'base', numeric: true });
  return [...items].sort((a, b) => collator.compare(nameOf(a, lang), nameOf(b, lang)));
}

/** Products under the first letter of their name (accents folded: "Órganico" under O), A to Z. */
export function groupByLetter(items: readonly ShopProduct[], lang: Lang): { letter: string; items: ShopProduct[] }[] {
  const groups = new Map<string, ShopProduct[]>();
  for (const product of sortByName(items, lang)) {
    const first = normalizeText(nameOf(product, lang)).charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    const group = groups.get(letter);
    if (group) group.push(product);
    else groups.set(letter, [product]);
  }
  return [...groups].map(([letter, list]) => ({ letter, items: list }));
}

export const bySku = (items: readonly ShopProduct[]) => new Map(items.map((product) => [product.sku, product]));

/** The shop's address for a category and a quality (either may be left out). */
export function shopHref(category: string | null | undefined, quality: string | null | undefined): string {
  const params = new URLSearchParams();
  if (category) params.set('category', category);
  if (quality) params.set('quality', quality);
  const search = params.toString();
  return `/shop${search ? `?${search}` : ''}`;
}
