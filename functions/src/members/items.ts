import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { stripKeys, type Item } from '../lib/db.js';

/**
 * The stored shape of a member profile: the member plus its keys. The enroller
 * and placement children indexes are sparse: only members with a sponsor or a
 * placement parent appear in them.
 */
export function memberItem(member: Member): Item {
  const item: Item = { ...keys.member(member.id), type: 'member', ...member };
  if (member.sponsorId) {
    item.GSI1PK = keys.sponsorChildren(member.sponsorId);
    item.GSI1SK = keys.sponsorChildSort(member.enrolledAt, member.id);
  }
  if (member.placementId) {
    item.GSI2PK = keys.placementChildren(member.placementId);
    item.GSI2SK = keys.placementChildSort(member.enrolledAt, member.id);
  }
  return item;
}

export function memberFromItem(item: Item): Member {
  const { type: _type, ...rest } = stripKeys<Member & { type: string }>(item);
  return rest;
}

/** Guard items that make username and email unique; written in the same transaction as the member. */
export function uniqueGuardItems(member: Pick<Member, 'id' | 'username' | 'email'>): Item[] {
  return [
    { ...keys.unique('USERNAME', member.username), type: 'unique', memberId: member.id },
    { ...keys.unique('EMAIL', member.email), type: 'unique', memberId: member.id },
  ];
}

export interface Credentials {
  memberId: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
}

export function credentialsItem(credentials: Credentials): Item {
  return { ...keys.credentials(credentials.memberId), type: 'credentials', ...credentials };
}
