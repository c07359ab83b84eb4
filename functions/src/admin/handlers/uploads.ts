import { z } from 'zod';
import { created, route } from '../../lib/http.js';
import { ADMIN } from '../../auth/roles.js';
import { presignUpload } from '../../lib/uploads.js';

/** Where catalog images live in the uploads bucket (`products/catalog/<id>`). */
export const CATALOG_OWNER = 'catalog';

const UploadRequest = z.object({
  kind: z.literal('productImage'),
  contentType: z.string().max(100),
});

/** A presigned upload for a product image; the product then lists its key. */
export const adminPresignUpload = route({ auth: ADMIN, body: UploadRequest }, async ({ body }) =>
  created(await presignUpload(body.kind, CATALOG_OWNER, body.contentType)),
);
