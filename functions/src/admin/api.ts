import { areaRouter } from '../lib/router.js';
import { adminCreateProduct, adminListProducts, adminUpdateProduct } from './handlers/products.js';
import { adminPresignUpload } from './handlers/uploads.js';
import { issueGiftCard } from '../orders/handlers/gift-cards.js';

export const handler = areaRouter('admin', null, {
  adminListProducts,
  adminCreateProduct,
  adminUpdateProduct,
  adminPresignUpload,
  issueGiftCard,
});
