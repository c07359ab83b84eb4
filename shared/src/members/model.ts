import { z } from 'zod';

export const Role = z.enum(['customer', 'partner', 'support', 'admin']);
export type Role = z.infer<typeof Role>;

/** Staff roles see every member (support with sensitive fields masked). */
export const STAFF_ROLES: readonly Role[] = ['support', 'admin'];
export const isStaff = (role: Role) => STAFF_ROLES.includes(role);

/** Customers buy; partners buy and build a team; staff run the company. */
export const MemberKind = z.enum(['customer', 'partner', 'staff']);
export type MemberKind = z.infer<typeof MemberKind>;

export const MemberStatus = z.enum(['active', 'inactive', 'canceled']);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;

export const MemberId = z.string().regex(/^\d{1,12}$/, 'must be a member ID (digits only)');

/** A member in a path or query: its ID, or `me` (the caller). */
export const MemberRef = z.union([z.literal('me'), z.string().regex(/^\d{1,12}$/, 'must be a member ID or "me"')]);

/** Addresses are printed (invoices, labels): no control characters (a tab or NUL inside one broke the invoice PDF). */
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const NO_CONTROL_MESSAGE = 'must not contain control characters';

export const Address = z.object({
  line1: z.string().trim().min(1).max(120).regex(NO_CONTROL, NO_CONTROL_MESSAGE),
  line2: z.string().trim().max(120).regex(NO_CONTROL, NO_CONTROL_MESSAGE).optional(),
  city: z.string().trim().min(1).max(80).regex(NO_CONTROL, NO_CONTROL_MESSAGE),
  region: z.string().trim().min(1).max(80).regex(NO_CONTROL, NO_CONTROL_MESSAGE),
  postalCode: z.string().trim().min(2).max(12).regex(NO_CONTROL, NO_CONTROL_MESSAGE),
  country: z.string().length(2),
});
export type Address = z.infer<typeof Address>;

/**
 * An address as records keep it (an order keeps the one it shipped to): older
 * records may hold characters the input now refuses, and must still be read.
 */
export const StoredAddress = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real date');

export const Gender = z.enum(['female', 'male', 'other', 'undisclosed']);
export type Gender = z.infer<typeof Gender>;

/**
 * A field encrypted with a KMS data key (envelope encryption, AES-256-GCM).
 * Only the last 4 characters are kept in clear, for display.
 */
export const EncryptedField = z.object({
  last4: z.string().max(4),
  keyId: z.string(),
  encryptedKey: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type EncryptedField = z.infer<typeof EncryptedField>;

export const DocumentType = z.enum(['national_id', 'passport', 'drivers_license', 'other']);
export type DocumentType = z.infer<typeof DocumentType>;

/** Where the member's identity check stands: documents uploaded make it `pending` until support reviews them. */
export const IdentityStatus = z.enum(['none', 'pending', 'approved', 'rejected']);
export type IdentityStatus = z.infer<typeof IdentityStatus>;

export const Identity = z.object({
  status: IdentityStatus,
  /** When the latest document was added (what made it pending). */
  submittedAt: z.string().optional(),
  /** The staff member who decided, when, and why (a rejection always says why). */
  reviewedBy: z.string().optional(),
  reviewedAt: z.string().optional(),
  reason: z.string().optional(),
});
export type Identity = z.infer<typeof Identity>;

export const DeliveryAddress = Address.extend({
  id: z.string(),
  label: z.string().max(40),
  recipient: z.string().max(120).optional(),
  isDefault: z.boolean(),
});
export type DeliveryAddress = z.infer<typeof DeliveryAddress>;

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,22}$/, 'must be a phone number (digits, spaces, + ( ) - .)')
  .refine((value) => value.replace(/\D/g, '').length >= 7, 'must have at least 7 digits');

export const ExtraContacts = z.object({
  emails: z.array(z.email('must be an email address').max(254)).max(5),
  phones: z.array(z.object({ label: z.string().trim().min(1).max(40), number: Phone })).max(5),
});
export type ExtraContacts = z.infer<typeof ExtraContacts>;

/**
 * A link shown to others (site, social): only http and https, so a stored
 * `javascript:` or `data:` address can never become a live link.
 */
export const HttpUrl = z
  .string()
  .trim()
  .max(300)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }));

/** Whether a stored value is a link safe to render as an href (older data was not checked). */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const SOCIAL_LINK_NAMES = ['website', 'facebook', 'instagram', 'tiktok', 'youtube', 'x'] as const;

export const SocialLinks = z.object({
  website: HttpUrl.optional(),
  facebook: HttpUrl.optional(),
  instagram: HttpUrl.optional(),
  tiktok: HttpUrl.optional(),
  youtube: HttpUrl.optional(),
  x: HttpUrl.optional(),
});
export type SocialLinks = z.infer<typeof SocialLinks>;

/** Only the links safe to show: what a view sends out, whatever was stored before links were checked. */
export function safeSocialLinks(social: Partial<Record<string, unknown>> | undefined): SocialLinks {
  const out: SocialLinks = {};
  for (const name of SOCIAL_LINK_NAMES) {
    const value = social?.[name];
    if (isHttpUrl(value)) out[name] = value.trim();
  }
  return out;
}

export const Goals = z.object({
  targetRank: z.number().int().min(1).optional(),
  monthlyIncome: z.number().int().min(0).optional(),
  note: z.string().max(500).optional(),
});
export type Goals = z.infer<typeof Goals>;

/** The member as stored (the item adds keys). */
export const Member = z.object({
  id: MemberId,
  kind: MemberKind,
  role: Role,
  /** Membership level code (company settings list them: customer, partner, and company tiers). */
  level: z.string(),
  status: MemberStatus,
  statusChangedAt: z.string().optional(),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string(),
  username: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  /** The business the member trades as, if any (support finds members by it). */
  companyName: z.string().optional(),
  market: z.string().length(2),
  language: Language,
  sponsorId: MemberId.nullable(),
  placementId: MemberId.nullable(),
  /** Ancestors from the root down to the sponsor (enroller tree). */
  sponsorPath: z.array(MemberId),
  /** Ancestors from the root down to the placement parent (placement tree). */
  placementPath: z.array(MemberId),
  /** Until when the sponsor may still place this new partner. */
  placementWindowEndsAt: z.string().nullable().optional(),
  enrolledAt: z.string(),
  firstPaidAt: z.string().nullable(),
  /** Paid rank of the last closed month and highest rank ever held; 1 until commissions say otherwise. */
  paidRank: z.number().int().min(1),
  highestRank: z.number().int().min(1),
  rankChangedAt: z.string().optional(),
  /** Residence address. */
  address: Address.optional(),
  deliveryAddresses: z.array(DeliveryAddress).optional(),
  contacts: ExtraContacts.optional(),
  dateOfBirth: IsoDate.optional(),
  gender: Gender.optional(),
  document: z.object({ type: DocumentType, country: z.string().length(2), number: EncryptedField }).optional(),
  taxId: EncryptedField.optional(),
  /** S3 keys of uploaded identity documents. */
  documentKeys: z.array(z.string()).optional(),
  /** Identity verification (absent: `none`); see functions/src/members/identity.ts. */
  identity: Identity.optional(),
  avatarKey: z.string().optional(),
  siteName: z.string().optional(),
  social: SocialLinks.optional(),
  goals: Goals.optional(),
  emailOptOut: z.boolean().optional(),
  /** Set when SES reported the address bounced for good or drew a complaint (email/ses-events.ts); cleared by a new address. */
  emailSuppressed: z.enum(['bounce', 'complaint']).optional(),
  termsAcceptedAt: z.string().optional(),
  /** Where commissions are paid: bank details, the numbers encrypted (shown as last 4). */
  directDeposit: z
    .object({
      holder: z.string(),
      bankName: z.string(),
      routingNumber: EncryptedField,
      accountNumber: EncryptedField,
      updatedAt: z.string(),
    })
    .optional(),
  /** The last monthly period whose close set paidRank and highestRank. */
  rankPeriod: z.string().optional(),
  /** This month's volumes and standing as the commission side last wrote them (absent until it does). */
  stats: z
    .object({
      period: z.string(),
      pv: z.number().int(),
      gv: z.number().int(),
      activeEnrolled: z.number().int().optional(),
    })
    .optional(),
  /** PV of the member's active autoship (written by the autoship side). */
  autoshipPv: z.number().int().optional(),
  /** The member's smart order at a glance, for its uplines: written whenever the autoship changes or runs. */
  autoship: z
    .object({
      status: z.enum(['active', 'paused', 'canceled']),
      nextRunDate: z.string().nullable(),
      pv: z.number().int(),
      /** Whether the next run will go through as things stand (active, card valid then). */
      willProcess: z.boolean(),
      reason: z.string().optional(),
    })
    .optional(),
  /** Kept by the genealogy stream: direct children in each tree, and the placement downline's size. */
  placementChildCount: z.number().int().optional(),
  enrolledChildCount: z.number().int().optional(),
  teamSize: z.number().int().optional(),
  /** The placement path the downline index reflects (kept by the genealogy stream). */
  indexedPath: z.array(MemberId).optional(),
  version: z.number().int().min(1),
});
export type Member = z.infer<typeof Member>;

/** The short view the portal header and session carry. */
export const MemberSummary = z.object({
  id: MemberId,
  kind: MemberKind,
  role: Role,
  status: MemberStatus,
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  username: z.string(),
  email: z.string(),
  language: Language,
  market: z.string(),
  paidRank: z.number().int(),
  highestRank: z.number().int(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export function toSummary(member: Member): MemberSummary {
  const { id, kind, role, status, displayName, firstName, lastName, username, email, language, market } = member;
  return {
    id,
    kind,
    role,
    status,
    displayName,
    firstName,
    lastName,
    username,
    email,
    language,
    market,
    paidRank: member.paidRank,
    highestRank: member.highestRank,
  };
}
