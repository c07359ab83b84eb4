import { adminApi } from '@arbor/shared/api/admin';
import { route } from '../../lib/http.js';
import { presignUpload } from '../../lib/uploads.js';

/** Where catalog images live in the uploads bucket (`products/catalog/<id>`). */
export const CATALOG_OWNER = 'catalog';

/** A presigned upload for a product image; the product then lists its key. */
export const adminPresignUpload = route(adminApi.adminPresignUpload, async ({ body }) =>
  presignUpload(body.kind, CATALOG_OWNER, body.contentType),
);
