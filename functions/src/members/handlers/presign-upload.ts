import { membersApi } from '@arbor/shared/api/members';
import { ForbiddenError } from '@arbor/shared/errors';
import { route } from '../../lib/http.js';
import { presignUpload } from '../../lib/uploads.js';
import { PENDING_UPLOAD_OWNER } from '../enrollment.js';
import { changeableMember } from '../scope.js';

/**
 * A presigned upload for an avatar or an identity document. `new` uploads a
 * document for someone being enrolled (no account yet).
 */
export const handler = route(membersApi.presignUpload, async ({ params, body, principal }) => {
  if (params.id === 'new') {
    // Only those who enroll others upload for someone not enrolled yet.
    if (principal.role === 'customer') throw new ForbiddenError('Customers do not enroll members.');
    if (body.kind !== 'document') throw new ForbiddenError('Only documents can be uploaded before enrollment.');
    return presignUpload('document', PENDING_UPLOAD_OWNER, body.contentType);
  }
  const member = await changeableMember(principal, params.id);
  return presignUpload(body.kind, member.id, body.contentType);
});
