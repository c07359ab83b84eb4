import { z } from 'zod';
import { Password } from '../auth/schemas.js';
import {
  Address,
  DeliveryAddress,
  DocumentType,
  ExtraContacts,
  Gender,
  Goals,
  IsoDate,
  Language,
  MemberId,
  MemberRef,
  MemberStatus,
  Phone,
  SocialLinks,
} from './model.js';

const Name = z.string().trim().min(1, 'is required').max(60);

/** Usernames are sign-in names: never all digits, since digits sign in as a member ID. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,30}$/, 'must be 3 to 30 letters, digits, dots, dashes or underscores')
  .refine((value) => !/^\d+$/.test(value), 'must not be only digits (those are member IDs)');

/** The personal site's name, as in /join/<site-name>. */
export const SiteName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'must be 3 to 40 lowercase letters, digits or dashes');

export const Email = z
  .email('must be an email address')
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const IdentityDocumentInput = z.object({
  type: DocumentType,
  country: z.string().length(2, 'must be a two-letter country code').toUpperCase(),
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,30}$/, 'must be 4 to 30 letters, digits or dashes'),
});

export const TaxId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,20}$/, 'must be 4 to 20 letters, digits or dashes');

export const DeliveryAddressInput = DeliveryAddress.omit({ id: true });

/**
 * Enrollment, quick or extended: the quick form sends the first block; the
 * extended form adds contacts, delivery addresses and uploaded documents.
 */
export const EnrollmentBody = z.object({
  kind: z.enum(['partner', 'customer']),
  /** A membership level of that kind; the company's default when left out. */
  level: z.string().optional(),
  /** Staff only: the sponsor to enroll under. A partner always enrolls under itself. */
  sponsorId: MemberId.optional(),
  firstName: Name,
  lastName: Name,
  email: Email,
  phone: Phone,
  password: Password,
  username: Username.optional(),
  language: Language.default('en'),
  market: z.string().length(2, 'must be a two-letter market code').toUpperCase(),
  address: Address,
  document: IdentityDocumentInput,
  dateOfBirth: IsoDate.optional(),
  acceptTerms: z.literal(true, { error: 'must be accepted' }),
  // Extended enrollment:
  gender: Gender.optional(),
  contacts: ExtraContacts.optional(),
  deliveryAddresses: z.array(DeliveryAddressInput).max(5).optional(),
  /** Keys of documents uploaded beforehand with a presigned upload. */
  documentKeys: z.array(z.string().max(300)).max(5).optional(),
  taxId: TaxId.optional(),
});
export type EnrollmentBody = z.infer<typeof EnrollmentBody>;

/** What a member (or support for it) may change; `version` is the one they read, so no edit is lost. */
export const ProfileUpdateBody = z
  .object({
    version: z.number().int().min(1),
    displayName: z.string().trim().min(1).max(80).optional(),
    username: Username.optional(),
    email: Email.optional(),
    /** null clears it. */
    phone: Phone.nullable().optional(),
    /** null clears it. */
    companyName: z.string().trim().min(1).max(120).nullable().optional(),
    language: Language.optional(),
    address: Address.optional(),
    deliveryAddresses: z
      .array(DeliveryAddressInput.extend({ id: z.string().optional() }))
      .max(10)
      .optional(),
    contacts: ExtraContacts.optional(),
    dateOfBirth: IsoDate.nullable().optional(),
    gender: Gender.nullable().optional(),
    avatarKey: z.string().max(300).nullable().optional(),
    siteName: SiteName.nullable().optional(),
    social: SocialLinks.optional(),
    goals: Goals.optional(),
    emailOptOut: z.boolean().optional(),
    // Staff only:
    firstName: Name.optional(),
    lastName: Name.optional(),
    document: IdentityDocumentInput.optional(),
    // The membership level has its own route (PUT /api/members/{id}/level, LevelChangeBody): one way to change it.
    market: z.string().length(2).toUpperCase().optional(),
    /** Required when staff change someone else's account: it goes into the member's log. */
    reason: z.string().trim().min(3, 'say why, for the member log').max(500).optional(),
  })
  .strict();
export type ProfileUpdateBody = z.infer<typeof ProfileUpdateBody>;

/** Fields only support and admin may change. */
export const STAFF_ONLY_FIELDS = ['firstName', 'lastName', 'document', 'market'] as const;

export const TaxIdBody = z.object({ taxId: TaxId });

const StaffReason = z.string().trim().min(3, 'say why, for the member log').max(500);

/** Staff move a member to another membership level of its kind (upgrade or downgrade), saying why. */
export const LevelChangeBody = z.object({
  level: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,30}$/, 'must be a membership level code'),
  reason: StaffReason,
});

/** An identity document uploaded with a presigned upload (kind `document`), now put on file. */
export const IdentityDocumentBody = z.object({ key: z.string().trim().min(1).max(300) });

/** Staff decide on the identity documents on file: a rejection always says why (the member is told). */
export const IdentityReviewBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: StaffReason.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'rejected' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject (the member is told why)' });
    }
  });

export const StatusChangeBody = z.object({
  status: MemberStatus,
  reason: z.string().trim().min(3, 'say why, for the member log').max(500),
});

export const PlacementBody = z.object({
  parentId: MemberId,
  /** Required for support and admin: it goes to the member's log. */
  reason: z.string().trim().max(500).optional(),
});

export const UploadBody = z.object({
  kind: z.enum(['avatar', 'document']),
  contentType: z.string().max(100),
});

/** A public enrollment's identity documents: the only kind uploaded before the account exists. */
export const JoinUploadBody = UploadBody.pick({ contentType: true });

/** `/members/{id}`: a member ID, or `me`. */
export const MemberRefParams = z.object({ id: MemberRef });
/** `/members/{id}` where only an ID will do (staff and sponsor actions on someone else). */
export const MemberIdParams = z.object({ id: MemberId });
/** `/members/{id}/uploads`: `new` uploads a document for someone not enrolled yet. */
export const UploadTargetParams = z.object({ id: z.union([MemberRef, z.literal('new')]) });
/** `/join/{siteName}`: a partner's personal site. */
export const SiteParams = z.object({ siteName: SiteName });

export const DirectDepositBody = z.object({
  holder: z.string().trim().min(1).max(80),
  bankName: z.string().trim().min(1).max(80),
  routingNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{5,12}$/, 'must be 5 to 12 digits'),
  accountNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{4,34}$/i, 'must be 4 to 34 letters or digits'),
});
