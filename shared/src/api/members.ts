import { z } from 'zod';
import { Market, MembershipLevel } from '../company.js';
import {
  DocumentType,
  ExtraContacts,
  Gender,
  Goals,
  IdentityStatus,
  MemberId,
  MemberKind,
  MemberSummary,
  SocialLinks,
  StoredAddress,
} from '../members/model.js';
import {
  DirectDepositBody,
  EnrollmentBody,
  IdentityDocumentBody,
  IdentityReviewBody,
  JoinUploadBody,
  LevelChangeBody,
  MemberIdParams,
  MemberRefParams,
  PlacementBody,
  ProfileUpdateBody,
  SiteParams,
  StatusChangeBody,
  TaxIdBody,
  UploadBody,
  UploadTargetParams,
} from '../members/requests.js';
import { PageQuery, pageOf } from '../paging.js';
import { ALL_ROLES, endpoint, IsoDate, IsoDateTime, PARTNERS_AND_STAFF, STAFF } from './endpoint.js';

/** A sensitive value as it leaves the server: its last 4 only. */
const Masked = z.string().meta({ description: 'Only the last 4 characters, e.g. ••••1234' });

/**
 * A browser uploads straight to S3 with this presigned POST (every field, then
 * the file, to `url`); the record then names `key`.
 */
export const PresignedUpload = z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().int(),
});

/** Bank details for payouts, the numbers masked. */
export const MaskedDirectDeposit = z.object({
  holder: z.string(),
  bankName: z.string(),
  routingNumber: Masked,
  accountNumber: Masked,
});

/**
 * A member as anyone who may see it reads it (an upline, for instance):
 * contact details but no personal documents, birth date or payout details
 * (functions/src/members/views.ts `profileView`).
 */
export const MemberProfile = MemberSummary.omit({ role: true }).extend({
  /** Membership level code. */
  level: z.string(),
  statusChangedAt: IsoDateTime.nullable(),
  phone: z.string().nullable(),
  sponsorId: MemberId.nullable(),
  placementId: MemberId.nullable(),
  enrolledAt: IsoDateTime,
  firstPaidAt: IsoDateTime.nullable(),
  siteName: z.string().nullable(),
  social: SocialLinks,
  /** A short-lived link to the avatar. */
  avatarUrl: z.string().nullable(),
  /** The residence address's region (team reports show it). */
  region: z.string().nullable(),
  teamSize: z.number().int(),
  placementChildCount: z.number().int(),
  enrolledChildCount: z.number().int(),
  /** Until when the sponsor may still place this new partner. */
  placementWindowEndsAt: IsoDateTime.nullable(),
  /** Send it back with a change, so no edit is lost. */
  version: z.number().int(),
});

/** Where the member's identity verification stands, as the member and staff read it. */
export const IdentityView = z.object({
  status: IdentityStatus,
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  /** Why support decided so (always there for a rejection). */
  reason: z.string().nullable(),
});

/** A member as the member itself and staff read it: everything, sensitive values masked. */
export const FullMemberProfile = MemberProfile.extend({
  address: StoredAddress.nullable(),
  deliveryAddresses: z.array(
    StoredAddress.extend({
      id: z.string(),
      label: z.string(),
      recipient: z.string().optional(),
      isDefault: z.boolean(),
    }),
  ),
  contacts: ExtraContacts,
  companyName: z.string().nullable(),
  dateOfBirth: IsoDate.nullable(),
  gender: Gender.nullable(),
  document: z.object({ type: DocumentType, country: z.string(), number: Masked }).nullable(),
  taxId: Masked.nullable(),
  directDeposit: MaskedDirectDeposit.nullable(),
  /** How many identity documents are on file. */
  documentCount: z.number().int(),
  identity: IdentityView,
  goals: Goals,
  emailOptOut: z.boolean(),
  /** SES reported the address bounced for good or drew a complaint: broadcasts skip it until the email changes. */
  emailSuppressed: z.enum(['bounce', 'complaint']).nullable(),
  avatarKey: z.string().nullable(),
});

/**
 * The full view when the caller may read it, else the shorter one. The full
 * view comes first: a union answers with the first option that fits, and the
 * shorter one would fit a full view too (dropping its private part).
 */
const MemberAnswer = z.object({ member: z.union([FullMemberProfile, MemberProfile]) });

/** One entry of a member's log: who did what to the account, and why. */
export const MemberLogEntry = z.object({
  at: IsoDateTime,
  /** The member who acted: the member itself, support, an admin, or `system`. */
  actorId: z.string(),
  action: z.string().meta({ description: 'What happened, e.g. status.changed, profile.updated.' }),
  /** The facts of the change (from, to, last4, ...). */
  detail: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
});

/** A new partner its sponsor may still place. */
export const PlacementQueueItem = z.object({
  id: MemberId,
  displayName: z.string(),
  enrolledAt: IsoDateTime,
  placementId: MemberId.nullable(),
  placementName: z.string().nullable(),
  placementWindowEndsAt: IsoDateTime.nullable(),
  teamSize: z.number().int(),
});

/** What the public join page shows of the partner whose site it is (nothing private) and of the company. */
export const JoinInfo = z.object({
  sponsor: z.object({
    displayName: z.string(),
    siteName: z.string(),
    avatarUrl: z.string().nullable(),
    social: SocialLinks,
    market: z.string(),
  }),
  company: z.object({ name: z.string(), markets: z.array(Market), levels: z.array(MembershipLevel) }),
});

/** Enrollment, profiles, placement, status, the member log, uploads, and the partners' public join sites. */
export const membersApi = {
  enroll: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Enroll a partner or customer: a partner under itself, staff under the sponsor they name.',
    body: EnrollmentBody,
    response: z.object({ member: z.object({ id: MemberId, username: z.string(), kind: MemberKind }) }),
    status: 201,
  }),
  placementQueue: endpoint({
    auth: ['partner'],
    summary: "The caller's new partners it may still place (inside the placement window).",
    response: z.object({ items: z.array(PlacementQueueItem) }),
  }),
  getMember: endpoint({
    auth: ALL_ROLES,
    summary: 'A member the caller may see (`me` for itself); the private part only for the member and staff.',
    scope: 'members:read',
    params: MemberRefParams,
    response: MemberAnswer,
  }),
  updateMember: endpoint({
    auth: ALL_ROLES,
    summary: 'Change a profile with the version read (409 version_conflict if it changed); staff give a reason.',
    params: MemberRefParams,
    body: ProfileUpdateBody,
    response: MemberAnswer,
  }),
  setTaxId: endpoint({
    auth: ALL_ROLES,
    summary: 'Set the tax ID (stored encrypted, read back as its last 4).',
    params: MemberRefParams,
    body: TaxIdBody,
    response: z.object({ taxId: Masked.nullable(), version: z.number().int() }),
  }),
  setDirectDeposit: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Set the bank details commissions are paid to (stored encrypted, read back masked).',
    params: MemberRefParams,
    body: DirectDepositBody,
    response: z.object({ directDeposit: MaskedDirectDeposit, version: z.number().int() }),
  }),
  placeMember: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'Move a partner under another parent in the placement tree (the sponsor in its window, or staff).',
    params: MemberIdParams,
    body: PlacementBody,
    response: MemberAnswer,
  }),
  changeStatus: endpoint({
    auth: STAFF,
    summary: 'Set a member active, inactive or canceled, with a reason; canceling ends its sessions and smart orders.',
    params: MemberIdParams,
    body: StatusChangeBody,
    response: MemberAnswer,
  }),
  changeLevel: endpoint({
    auth: STAFF,
    summary: 'Move a member to another membership level of its kind (upgrade or downgrade), with a reason for its log.',
    params: MemberIdParams,
    body: LevelChangeBody,
    response: MemberAnswer,
  }),
  addIdentityDocument: endpoint({
    auth: ALL_ROLES,
    summary: 'Put an uploaded identity document on file (the member, or staff): the identity check becomes pending.',
    params: MemberRefParams,
    body: IdentityDocumentBody,
    response: z.object({ identity: IdentityView, documentCount: z.number().int() }),
  }),
  identityDocuments: endpoint({
    auth: STAFF,
    summary: "A member's identity documents through short-lived links, for review (each look is in the member's log).",
    params: MemberIdParams,
    response: z.object({
      identity: IdentityView,
      documents: z.array(z.object({ number: z.number().int(), url: z.string(), expiresAt: IsoDateTime })),
    }),
  }),
  reviewIdentity: endpoint({
    auth: STAFF,
    summary: 'Approve or reject the identity documents on file (a rejection says why); the member is mailed.',
    params: MemberIdParams,
    body: IdentityReviewBody,
    response: z.object({ identity: IdentityView }),
  }),
  memberLog: endpoint({
    auth: ALL_ROLES,
    summary: "A member's log (who changed what, and why), newest first: the member itself and staff read it.",
    params: MemberRefParams,
    query: PageQuery,
    response: pageOf(MemberLogEntry),
  }),
  presignUpload: endpoint({
    auth: ALL_ROLES,
    summary: 'A presigned upload for an avatar or identity document (`new`: a document for someone being enrolled).',
    params: UploadTargetParams,
    body: UploadBody,
    response: PresignedUpload,
    status: 201,
  }),
  joinInfo: endpoint({
    auth: 'public',
    summary: "What a partner's public join page shows of the partner and the company.",
    params: SiteParams,
    response: JoinInfo,
  }),
  joinEnroll: endpoint({
    auth: 'public',
    summary: "Enroll through a partner's site, under that partner; signs the new member in (sets the cookies).",
    params: SiteParams,
    body: EnrollmentBody.omit({ sponsorId: true }),
    response: z.object({ member: MemberSummary }),
    status: 201,
  }),
  joinUpload: endpoint({
    auth: 'public',
    summary: "A presigned upload for an identity document of an enrollment through a partner's site.",
    params: SiteParams,
    body: JoinUploadBody,
    response: PresignedUpload,
    status: 201,
  }),
};
