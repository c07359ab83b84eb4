import { ordersApi } from '@arbor/shared/api/orders';
import { NotFoundError } from '@arbor/shared/errors';
import type { Product } from '@arbor/shared/catalog/product';
import { route } from '../../lib/http.js';
import { getMember } from '../../members/repository.js';
import { listCategoriesAndQualities, productsBySku } from '../../catalog/repository.js';
import { imageUrl } from '../../lib/uploads.js';

/** A product as the shop shows it in one market: its price, PV and CV there. */
async function shopView(product: Product, market: string) {
  const offer = product.markets[market]!;
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    categories: product.categories,
    qualities: product.qualities,
    images: await Promise.all(product.images.map(imageUrl)),
    price: offer.price,
    pv: offer.pv,
    cv: offer.cv,
    autoshipEligible: product.autoshipEligible,
    kit: product.kit ?? null,
  };
}

async function marketOf(memberId: string, requested: string | undefined) {
  return requested ?? (await getMember(memberId))?.market ?? 'US';
}

/** The shop's catalog: active products sold in the member's market (staff may ask for another). */
export const listShopProducts = route(ordersApi.listShopProducts, async ({ principal, query }) => {
  const market = await marketOf(principal.memberId, query.market);
  const products = [...(await productsBySku()).values()].filter((p) => p.active && p.markets[market]);
  const { categories, qualities } = await listCategoriesAndQualities();
  return { market, categories, qualities, items: await Promise.all(products.map((p) => shopView(p, market))) };
});

export const getShopProduct = route(ordersApi.getShopProduct, async ({ principal, params, query }) => {
  const market = await marketOf(principal.memberId, query.market);
  const product = (await productsBySku()).get(params.sku.toUpperCase());
  if (!product || !product.active || !product.markets[market])
    throw new NotFoundError('No such product in your market.', 'product_not_found');
  return { product: await shopView(product, market) };
});
