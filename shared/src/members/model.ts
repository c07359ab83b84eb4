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

export const Address = z.object({
  line1: z.string().trim().min(1).max(120),
  line2: z.string().trim().max(120).optional(),
  city: z.string().trim().min(1).max(80),
  region: z.string().trim().min(1).max(80),
  postalCode: z.string().trim().min(2).max(12),
  country: z.string().length(2),
});
export type Address = z.infer<typeof Address>;

/** The member as the application sees it (the stored item adds keys and version). */
export const Member = z.object({
  id: MemberId,
  kind: MemberKind,
  role: Role,
  status: MemberStatus,
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string(),
  username: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  market: z.string().length(2),
  language: Language,
  sponsorId: MemberId.nullable(),
  placementId: MemberId.nullable(),
  /** Ancestors from the root down to the sponsor (enroller tree). */
  sponsorPath: z.array(MemberId),
  /** Ancestors from the root down to the placement parent (placement tree). */
  placementPath: z.array(MemberId),
  enrolledAt: z.string(),
  firstPaidAt: z.string().nullable(),
  /** Paid rank of the last closed month and highest rank ever held; 1 until commissions say otherwise. */
  paidRank: z.number().int().min(1),
  highestRank: z.number().int().min(1),
  address: Address.optional(),
  version: z.number().int().min(1),
});
export type Member = z.infer<typeof Member>;

/** The short view the portal header and session carry. */
export interface MemberSummary {
  id: string;
  kind: MemberKind;
  role: Role;
  status: MemberStatus;
  displayName: string;
  firstName: string;
  lastName: string;
  username: string;
  email: string;
  language: Language;
  market: string;
  paidRank: number;
  highestRank: number;
}

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
