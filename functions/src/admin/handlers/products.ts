import { z } from 'zod';
import { NotFoundError } from '@arbor/shared/errors';
import { ProductInput, Sku } from '@arbor/shared/catalog/product';
import { created, route } from '../../lib/http.js';
import { ADMIN } from '../../auth/roles.js';
import { getProduct, listProducts, saveProduct } from '../../catalog/repository.js';

/** The whole catalog, inactive products included, for the admin. */
export const adminListProducts = route({ auth: ADMIN }, async () => ({ items: await listProducts() }));

export const adminCreateProduct = route({ auth: ADMIN, body: ProductInput }, async ({ body }) =>
  created({ product: await saveProduct(body, 0) }),
);

export const adminUpdateProduct = route(
  { auth: ADMIN, params: z.object({ sku: Sku }), body: ProductInput.extend({ version: z.number().int().min(1) }) },
  async ({ params, body }) => {
    if (!(await getProduct(params.sku))) throw new NotFoundError('No such product.', 'product_not_found');
    const { version, ...input } = body;
    return { product: await saveProduct({ ...input, sku: params.sku }, version) };
  },
);
