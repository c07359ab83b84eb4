import { adminApi } from '@arbor/shared/api/admin';
import { route } from '../../lib/http.js';
import { presignUpload } from '../../lib/uploads.js';

/** Where catalog images live in the uploads bucket (`products/catalog/<id>`). */
export const CATALOG_OWNER = 'catalog';
/** Where news article images live (`news/articles/<id>`, NEWS_IMAGE_PREFIX). */
export const ARTICLES_OWNER = 'articles';

/** A presigned upload for a product or news image; the product or article then lists its key. */
export const adminPresignUpload = route(adminApi.adminPresignUpload, async ({ body }) =>
  presignUpload(body.kind, body.kind === 'newsImage' ? ARTICLES_OWNER : CATALOG_OWNER, body.contentType),
);
