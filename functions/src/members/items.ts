import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { stripKeys, type Item } from '../lib/db.js';

/** Lower case, no accents, single spaces: "José  García" -> "jose garcia". */
export const normalizeName = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** What a name search matches: first, last and display name, normalized. */
export const nameKeyOf = (member: Pick<Member, 'firstName' | 'lastName' | 'displayName'>) =>
  normalizeName(`${member.firstName} ${member.lastName} ${member.displayName}`);

/**
 * The stored shape of a member profile: the member plus its keys. The enroller
 * and placement children indexes are sparse: only members with a sponsor or a
 * placement parent appear in them.
 */
export function memberItem(member: Member): Item {
  const item: Item = { ...keys.member(member.id), entity: 'member', ...member };
  if (member.sponsorId) {
    item.GSI1PK = keys.sponsorChildren(member.sponsorId);
    item.GSI1SK = keys.sponsorChildSort(member.enrolledAt, member.id);
  }
  if (member.placementId) {
    item.GSI2PK = keys.placementChildren(member.placementId);
    item.GSI2SK = keys.placementChildSort(member.enrolledAt, member.id);
  }
  if (member.kind !== 'staff') {
    item.GSI4PK = keys.membersShard(member.id);
    item.GSI4SK = member.id;
  }
  // For name searches that filter a small Query (a sponsor's enrollees).
  item.nameKey = nameKeyOf(member);
  const name = normalizeName(`${member.lastName} ${member.firstName}`);
  if (name.length >= 2) {
    item.GSI3PK = keys.nameIndex(name);
    item.GSI3SK = `${name}#${member.id}`;
  }
  return item;
}

/** The downline-index entry of `member` under one of its placement ancestors. */
export function downlineItem(uplineId: string, level: number, member: Member): Item {
  const item: Item = {
    ...keys.downline(uplineId, level, member.id),
    entity: 'downline',
    uplineId,
    memberId: member.id,
    level,
    joinedAt: member.enrolledAt,
    name: member.displayName,
    nameKey: nameKeyOf(member),
    status: member.status,
    paidRank: member.paidRank,
    GSI3PK: keys.downlinePartition(uplineId),
    GSI3SK: keys.downlineByTime(member.enrolledAt, member.id),
  };
  if (member.autoship && member.autoship.status !== 'canceled') {
    item.autoshipStatus = member.autoship.status;
    item.autoshipWillProcess = member.autoship.willProcess;
  }
  if (member.rankChangedAt) {
    item.rankChangedAt = member.rankChangedAt;
    item.GSI4PK = keys.downlinePartition(uplineId);
    item.GSI4SK = keys.downlineByTime(member.rankChangedAt, member.id);
  }
  return item;
}

export function memberFromItem(item: Item): Member {
  const { nameKey: _nameKey, ...member } = item;
  return stripKeys<Member>(member);
}

/** Guard items that make username, email and site name unique; written in the same transaction as the member. */
export function uniqueGuardItems(member: Pick<Member, 'id' | 'username' | 'email' | 'siteName'>): Item[] {
  const guards: Item[] = [
    { ...keys.unique('USERNAME', member.username), entity: 'unique', memberId: member.id },
    { ...keys.unique('EMAIL', member.email), entity: 'unique', memberId: member.id },
  ];
  if (member.siteName) guards.push({ ...keys.unique('SITE', member.siteName), entity: 'unique', memberId: member.id });
  return guards;
}
