import type { Member } from '@arbor/shared/members/model';

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
