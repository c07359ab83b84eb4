import { Category, Product, Quality, type ProductInput } from '@arbor/shared/catalog/product';
import { ConflictError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys } from '@arbor/shared/table';
import { cachedValue, forgetCachedValue } from '../lib/parameters.js';
import { conditionally, getItem, putItem, query, queryAll, stripKeys, type Item } from '../lib/db.js';

/** The catalog's store: products (`PRODUCT#<sku>`, all in one GSI1 partition), categories and qualities. */

export function productItem(product: Product): Item {
  return {
    ...keys.product(product.sku),
    entity: 'product',
    ...indexKeys(INDEX.catalog, keys.catalogIndex, product.sku),
    ...product,
  };
}

/** The whole catalog (one partition of GSI1). */
export async function listProducts(): Promise<Product[]> {
  const items = await queryAll({ index: INDEX.catalog, pk: keys.catalogIndex });
  return items.map((item) => Product.parse(stripKeys(item)));
}

export async function getProduct(sku: string): Promise<Product | null> {
  const item = await getItem(keys.product(sku.toUpperCase()));
  return item ? Product.parse(stripKeys(item)) : null;
}

/**
 * Products by SKU for pricing. The catalog is small and read on every
 * checkout and autoship run, so a warm function keeps it for 30 seconds
 * (lib/parameters.ts; a price change reaches every checkout within that).
 */
export const productsBySku = cachedValue(
  'catalog',
  30,
  async () => new Map((await listProducts()).map((p) => [p.sku, p])),
);

/** Forget the cached catalog (after an edit in this container, and in tests). */
export const forgetCatalogCache = () => forgetCachedValue('catalog');

/** Creates (expectedVersion 0) or updates a product; a stale version is a 409. */
export async function saveProduct(input: ProductInput, expectedVersion: number): Promise<Product> {
  const now = new Date().toISOString();
  const existing = expectedVersion > 0 ? await getProduct(input.sku) : null;
  const product: Product = {
    ...input,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    version: expectedVersion + 1,
  };
  const saved = await conditionally(
    putItem({
      Item: productItem(product),
      ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
      ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
    }),
  );
  if (!saved) {
    throw expectedVersion === 0
      ? new ConflictError(`A product with SKU ${input.sku} exists already.`, 'sku_taken', [
          { field: 'body.sku', rule: 'taken', message: 'body.sku: is already used' },
        ])
      : new ConflictError(
          'Someone else changed this product. Reload it and apply your change again.',
          'version_conflict',
        );
  }
  forgetCatalogCache();
  return product;
}

export async function listCategoriesAndQualities(): Promise<{ categories: Category[]; qualities: Quality[] }> {
  const { items } = await query({ pk: keys.catalogPartition });
  const categories: Category[] = [];
  const qualities: Quality[] = [];
  for (const item of items) {
    if (item.entity === 'category') categories.push(Category.parse(stripKeys(item)));
    if (item.entity === 'quality') qualities.push(Quality.parse(stripKeys(item)));
  }
  return { categories: categories.sort((a, b) => a.sort - b.sort), qualities };
}
