import { adminApi } from '@arbor/shared/api/admin';
import { NotFoundError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { getProduct, listProducts, saveProduct } from '../../catalog/repository.js';
import { imageUrl, verifyUpload } from '../../lib/uploads.js';
import { CATALOG_OWNER } from './uploads.js';

/** The whole catalog, inactive products included, for the admin, with links to show its images. */
export const adminListProducts = route(adminApi.adminListProducts, async () => ({
  items: await Promise.all(
    (await listProducts()).map(async (product) => ({
      ...product,
      imageUrls: await Promise.all(product.images.map(imageUrl)),
    })),
  ),
}));

/** Images new to a product must be uploads that are really there, of an allowed type and size. */
async function checkNewImages(images: readonly string[], before: readonly string[] = []) {
  await Promise.all(
    images.map((image, index) =>
      image.startsWith('https://') || before.includes(image)
        ? undefined
        : verifyUpload('productImage', CATALOG_OWNER, image, `body.images.${index}`),
    ),
  );
}

export const adminCreateProduct = route(adminApi.adminCreateProduct, async ({ body }) => {
  await checkNewImages(body.images);
  return { product: await saveProduct(body, 0) };
});

export const adminUpdateProduct = route(adminApi.adminUpdateProduct, async ({ params, body }) => {
  const current = await getProduct(params.sku);
  if (!current) throw new NotFoundError('No such product.', 'product_not_found');
  const { version, ...input } = body;
  await checkNewImages(input.images, current.images);
  return { product: await saveProduct({ ...input, sku: params.sku }, version) };
});
