import { isStaff, safeSocialLinks, type Member } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { maskLast4 } from '../lib/field-crypto.js';
import { signedUrl } from '../lib/uploads.js';
import { identityView } from './identity.js';

/**
 * A member as the caller may read it. Sensitive values leave only masked
 * (last 4); uplines see contact details (team reports show them) but not
 * personal documents, birth date or the log; the member and staff see all.
 */
export async function profileView(member: Member, viewer: Principal) {
  const own = member.id === viewer.memberId;
  const full = own || isStaff(viewer.role);
  const avatarUrl = member.avatarKey ? await signedUrl(member.avatarKey) : null;
  const base = {
    id: member.id,
    kind: member.kind,
    level: member.level,
    status: member.status,
    statusChangedAt: member.statusChangedAt ?? null,
    firstName: member.firstName,
    lastName: member.lastName,
    displayName: member.displayName,
    username: member.username,
    email: member.email,
    phone: member.phone ?? null,
    market: member.market,
    language: member.language,
    sponsorId: member.sponsorId,
    placementId: member.placementId,
    enrolledAt: member.enrolledAt,
    firstPaidAt: member.firstPaidAt,
    paidRank: member.paidRank,
    highestRank: member.highestRank,
    siteName: member.siteName ?? null,
    social: safeSocialLinks(member.social),
    avatarUrl,
    region: member.address?.region ?? null,
    teamSize: member.teamSize ?? 0,
    placementChildCount: member.placementChildCount ?? 0,
    enrolledChildCount: member.enrolledChildCount ?? 0,
    placementWindowEndsAt: member.placementWindowEndsAt ?? null,
    version: member.version,
  };
  if (!full) return base;
  return {
    ...base,
    address: member.address ?? null,
    deliveryAddresses: member.deliveryAddresses ?? [],
    contacts: member.contacts ?? { emails: [], phones: [] },
    companyName: member.companyName ?? null,
    dateOfBirth: member.dateOfBirth ?? null,
    gender: member.gender ?? null,
    document: member.document
      ? { type: member.document.type, country: member.document.country, number: maskLast4(member.document.number) }
      : null,
    taxId: maskLast4(member.taxId),
    directDeposit: member.directDeposit
      ? {
          holder: member.directDeposit.holder,
          bankName: member.directDeposit.bankName,
          routingNumber: maskLast4(member.directDeposit.routingNumber),
          accountNumber: maskLast4(member.directDeposit.accountNumber),
        }
      : null,
    documentCount: member.documentKeys?.length ?? 0,
    identity: identityView(member),
    goals: member.goals ?? {},
    emailOptOut: member.emailOptOut ?? false,
    emailSuppressed: member.emailSuppressed ?? null,
    avatarKey: member.avatarKey ?? null,
  };
}
