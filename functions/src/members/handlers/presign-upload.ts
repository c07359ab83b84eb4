import { z } from 'zod';
import { ForbiddenError } from '@arbor/shared/errors';
import { UploadBody } from '@arbor/shared/members/requests';
import { created, route } from '../../lib/http.js';
import { ALL_ROLES } from '../../auth/roles.js';
import { presignUpload } from '../../lib/uploads.js';
import { PENDING_UPLOAD_OWNER } from '../enrollment.js';
import { MemberRef } from '../params.js';
import { changeableMember } from '../scope.js';

/**
 * A presigned upload for an avatar or an identity document. `new` uploads a
 * document for someone being enrolled (no account yet).
 */
export const handler = route(
  { auth: ALL_ROLES, params: z.object({ id: z.union([MemberRef, z.literal('new')]) }), body: UploadBody },
  async ({ params, body, principal }) => {
    if (params.id === 'new') {
      // Only those who enroll others upload for someone not enrolled yet.
      if (principal.role === 'customer') throw new ForbiddenError('Customers do not enroll members.');
      if (body.kind !== 'document') throw new ForbiddenError('Only documents can be uploaded before enrollment.');
      return created(await presignUpload('document', PENDING_UPLOAD_OWNER, body.contentType));
    }
    const member = await changeableMember(principal, params.id);
    return created(await presignUpload(body.kind, member.id, body.contentType));
  },
);
