import { membersApi } from '@arbor/shared/api/members';
import { NotFoundError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { RATE_LIMITS, takeRateLimit } from '../../lib/rate-limit.js';
import { presignUpload } from '../../lib/uploads.js';
import { PENDING_UPLOAD_OWNER } from '../enrollment.js';
import { findMemberBySiteName } from '../repository.js';

/** Identity documents for a public enrollment, uploaded before the account exists. */
export const handler = route(membersApi.joinUpload, async ({ params, body, ip }) => {
  await takeRateLimit(RATE_LIMITS.joinUploadPerIp, ip);
  if (!(await findMemberBySiteName(params.siteName)))
    throw new NotFoundError('There is no partner site with that name.', 'site_not_found');
  return presignUpload('document', PENDING_UPLOAD_OWNER, body.contentType);
});
