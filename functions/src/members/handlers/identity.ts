import { membersApi } from '@arbor/shared/api/members';
import { route } from '../../lib/http.js';
import { addIdentityDocument, identityDocumentsFor, identityView, reviewIdentity } from '../identity.js';
import { changeableMember } from '../scope.js';

/** The member (or staff for it) puts an uploaded identity document on file; the check becomes pending. */
export const addDocument = route(membersApi.addIdentityDocument, async ({ params, body, principal }) => {
  const member = await changeableMember(principal, params.id);
  const saved = await addIdentityDocument(member, body.key, principal);
  return { identity: identityView(saved), documentCount: saved.documentKeys?.length ?? 0 };
});

/** Support opens a member's identity documents to review them (not a staff account's, unless an admin). */
export const documents = route(membersApi.identityDocuments, async ({ params, principal }) =>
  identityDocumentsFor(await changeableMember(principal, params.id), principal),
);

/** Support approves or rejects the documents on file, with a reason for a rejection; the member is mailed. */
export const review = route(membersApi.reviewIdentity, async ({ params, body, principal }) => {
  const member = await changeableMember(principal, params.id);
  const saved = await reviewIdentity(member, body.decision, body.reason, principal);
  return { identity: identityView(saved) };
});
