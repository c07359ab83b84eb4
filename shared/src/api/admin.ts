import { z } from 'zod';
import { Product, ProductInput, Sku } from '../catalog/product.js';
import { Currency } from '../money.js';
import { GiftCardIssueBody } from '../orders/requests.js';
import { ADMIN, endpoint } from './endpoint.js';
import { PresignedUpload } from './members.js';

/** An image goes up first; the product (or the news article) then lists its key. */
export const ProductImageUploadBody = z.object({
  kind: z.enum(['productImage', 'newsImage']),
  contentType: z.string().max(100),
});

const ProductAnswer = z.object({ product: Product });

/** The admin's catalog (every product, inactive ones too), its image uploads, and gift cards. */
export const adminApi = {
  adminListProducts: endpoint({
    auth: ADMIN,
    summary: 'The whole catalog, inactive products included, with links to show each image.',
    response: z.object({
      items: z.array(
        Product.extend({
          /** A link to show each image, in the order of `images` (uploads through short-lived links). */
          imageUrls: z.array(z.string()),
        }),
      ),
    }),
  }),
  adminCreateProduct: endpoint({
    auth: ADMIN,
    summary: 'Add a product (409 sku_taken if the SKU is used); its uploaded images must really be there.',
    body: ProductInput,
    response: ProductAnswer,
    status: 201,
  }),
  adminUpdateProduct: endpoint({
    auth: ADMIN,
    summary: 'Replace a product with the version read (409 version_conflict if it changed meanwhile).',
    params: z.object({ sku: Sku }),
    body: ProductInput.extend({ version: z.number().int().min(1) }),
    response: ProductAnswer,
  }),
  issueGiftCard: endpoint({
    auth: ADMIN,
    summary: 'Issue a gift card; its code is shown this once.',
    body: GiftCardIssueBody,
    response: z.object({
      code: z.string().meta({ description: 'The whole code, e.g. 1A2B-3C4D-5E6F-7A8B; shown only here.' }),
      /** In minor units of the currency. */
      balance: z.number().int(),
      currency: Currency,
    }),
    status: 201,
  }),
  adminPresignUpload: endpoint({
    auth: ADMIN,
    summary: 'A presigned upload for a product image or a news article image.',
    body: ProductImageUploadBody,
    response: PresignedUpload,
    status: 201,
  }),
};
