import { membersApi } from '@arbor/shared/api/members';
import { areaRouter } from '../area-router.js';
import { handler as enroll } from './handlers/enroll.js';
import { handler as getMember } from './handlers/get-member.js';
import { handler as updateMember } from './handlers/update-member.js';
import { handler as setTaxId } from './handlers/set-tax-id.js';
import { handler as setDirectDeposit } from './handlers/set-direct-deposit.js';
import { handler as placeMember } from './handlers/place-member.js';
import { handler as memberLog } from './handlers/member-log.js';
import { handler as presignUpload } from './handlers/presign-upload.js';
import { handler as placementQueue } from './handlers/placement-queue.js';
import { handler as changeStatus } from './handlers/change-status.js';
import { handler as joinInfo } from './handlers/join-info.js';
import { handler as joinEnroll } from './handlers/join-enroll.js';
import { handler as joinUpload } from './handlers/join-upload.js';
import { handler as changeLevel } from './handlers/change-level.js';
import * as identity from './handlers/identity.js';

export const handler = areaRouter('members', membersApi, {
  enroll,
  getMember,
  updateMember,
  setTaxId,
  setDirectDeposit,
  placeMember,
  memberLog,
  presignUpload,
  placementQueue,
  changeStatus,
  joinInfo,
  joinEnroll,
  joinUpload,
  changeLevel,
  addIdentityDocument: identity.addDocument,
  identityDocuments: identity.documents,
  reviewIdentity: identity.review,
});
