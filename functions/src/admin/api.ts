import { adminApi } from '@arbor/shared/api/admin';
import { areaRouter } from '../area-router.js';
import { adminCreateProduct, adminListProducts, adminUpdateProduct } from './handlers/products.js';
import { adminPresignUpload } from './handlers/uploads.js';
import { issueGiftCard } from '../orders/handlers/gift-cards.js';

export const handler = areaRouter('admin', adminApi, {
  adminListProducts,
  adminCreateProduct,
  adminUpdateProduct,
  adminPresignUpload,
  issueGiftCard,
});
