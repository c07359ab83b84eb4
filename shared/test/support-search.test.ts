import { describe, expect, it } from 'vitest';
import {
  cardTokens,
  matchedValue,
  matchesSource,
  nameWords,
  normalizeText,
  phoneToken,
  searchSources,
  searchTokens,
  tokenChanges,
  type SearchableMember,
} from '../src/support/search.js';

const taylor: SearchableMember = {
  id: '1042',
  kind: 'partner',
  username: 'Taylor.Baker',
  email: 'Taylor.Baker@Example.com',
  firstName: 'Taylor',
  lastName: 'Baker',
  displayName: 'Taylor Baker',
  phone: '+1 (512) 555-0142',
  companyName: 'Baker & Sons Wellness',
  contacts: { emails: ['tb@work.example.com'], phones: [{ number: '+52 55 5000 7788' }] },
};

const jose: SearchableMember = {
  ...taylor,
  id: '2001',
  username: 'jperez',
  email: 'jose@example.com',
  firstName: 'José',
  lastName: 'Pérez Núñez',
  displayName: 'José Pérez',
  phone: undefined,
  companyName: undefined,
  contacts: undefined,
};

/** The sources of a query that match a member, as matchedOn values. */
const matches = (q: string, member: SearchableMember) =>
  searchSources(q)
    .filter((source) => matchesSource(source, member))
    .map((source) => `${source.matchedOn}${source.kind === 'token' && !source.exact ? '~' : ''}`);

describe('normal form', () => {
  it('drops accents and case', () => {
    expect(normalizeText('  José Ñúñez ')).toBe('jose nunez');
    expect(nameWords("Mary-Jane O'Brien")).toEqual(['mary', 'jane', 'obrien']);
  });

  it('keeps the last 10 digits of a phone, reversed', () => {
    expect(phoneToken('+1 (512) 555-0142')).toBe('2410555215');
    expect(phoneToken('512.555.0142')).toBe(phoneToken('+1 512 555 0142'));
  });
});

describe('searchTokens', () => {
  it('indexes username, emails, name words, phones and company words', () => {
    const tokens = searchTokens(taylor).map((t) => `${t.field}:${t.token}`);
    expect(tokens).toEqual([
      'user:taylor.baker',
      'email:taylor.baker@example.com',
      'email:tb@work.example.com',
      'name:taylor',
      'name:baker',
      'pair:baker taylor',
      'phone:2410555215',
      'phone:8877000555',
      'company:baker',
      'company:sons',
      'company:wellness',
    ]);
    const name = searchTokens(taylor).find((t) => t.field === 'name')!;
    expect(name.text).toBe(' taylor baker ');
  });

  it('indexes accented names without their accents, and no staff at all', () => {
    expect(
      searchTokens(jose)
        .filter((t) => t.field === 'name')
        .map((t) => t.token),
    ).toEqual(['jose', 'perez', 'nunez']);
    expect(searchTokens({ ...taylor, kind: 'staff' })).toEqual([]);
  });

  it('indexes a card by its last 4', () => {
    expect(cardTokens('1042', { id: 'c1', last4: '4242' })).toEqual([
      { field: 'card', token: '4242', memberId: '1042', methodId: 'c1' },
    ]);
    expect(cardTokens('1042', { id: 'c1', last4: '42' })).toEqual([]);
  });

  it('changes only what changed', () => {
    const renamed = { ...taylor, lastName: 'Smith', displayName: 'Taylor Smith' };
    const { remove, put } = tokenChanges(searchTokens(taylor), searchTokens(renamed));
    expect(remove.map((t) => `${t.field}:${t.token}`)).toEqual(['name:baker', 'pair:baker taylor']);
    // Name tokens carry the words of the name: the kept one is rewritten with the new text.
    expect(put.map((t) => `${t.field}:${t.token}:${t.text}`)).toEqual([
      'name:taylor: taylor smith ',
      'name:smith: taylor smith ',
      'pair:smith taylor: taylor smith ',
    ]);
    expect(tokenChanges(searchTokens(taylor), searchTokens({ ...taylor }))).toEqual({ remove: [], put: [] });
  });
});

describe('searchSources and matchesSource', () => {
  it('ranks ID, exact username and email, whole names, prefixes, phone, company, card', () => {
    expect(searchSources('1234').map((s) => s.matchedOn)).toEqual(['id', 'phone', 'card']);
    expect(searchSources('555 0142').map((s) => s.matchedOn)).toEqual(['phone']);
    expect(searchSources('taylor baker').map((s) => s.matchedOn)).toEqual(['name', 'name', 'company']);
    expect(searchSources('tay').map((s) => s.matchedOn)).toEqual([
      'username',
      'email',
      'name',
      'username',
      'email',
      'name',
      'company',
    ]);
  });

  it('finds by whole name in either order, accents and case ignored', () => {
    expect(matches('Taylor Baker', taylor)).toContain('name');
    expect(matches('baker TAYLOR', taylor)).toContain('name');
    expect(matches('jose', jose)).toContain('name');
    expect(matches('PÉREZ josé', jose)).toContain('name');
    // Three words: the pair of the two longest, the third checked on the same token.
    expect(searchSources('jose perez nunez')[0]).toMatchObject({
      field: 'pair',
      drive: 'nunez perez',
      others: ['jose'],
    });
    expect(matches('jose perez nunez', jose)).toContain('name');
    expect(matches('jose perez garcia', jose)).not.toContain('name');
    expect(matches('taylor smith', taylor)).toEqual([]);
  });

  it('finds by word prefixes', () => {
    expect(matches('tay bak', taylor)).toEqual(['name~']);
    expect(matches('tay', taylor)).toEqual(['username~', 'email~', 'name~']);
  });

  it('finds by exact username and email', () => {
    // One word with a dot is a username or an email, not a name.
    expect(matches('taylor.baker', taylor)).toEqual(['username', 'username~', 'email~']);
    expect(matches('TB@work.example.com', taylor)).toEqual(['email', 'email~']);
  });

  it('finds by the last digits of any phone, formatting ignored', () => {
    expect(matches('555 0142', taylor)).toEqual(['phone~']);
    expect(matches('+1 512-555-0142', taylor)).toEqual(['phone~']);
    // (A card cannot be checked on the profile: its token is written with the card.)
    expect(matches('7788', taylor)).toEqual(['phone~', 'card']);
    expect(matches('555 0143', taylor)).toEqual([]);
  });

  it('finds by company words', () => {
    expect(matches('sons well', taylor)).toEqual(['company~']);
  });

  it('reads a card query as its last 4', () => {
    const card = searchSources('•••• 4242').at(-1)!;
    expect(card).toMatchObject({ matchedOn: 'card', drive: '4242', exact: true });
    expect(matchedValue(card, taylor, '4242')).toBe('••••4242');
  });

  it('shows what matched', () => {
    const [phone] = searchSources('555 0142');
    expect(matchedValue(phone!, taylor)).toBe('+1 (512) 555-0142');
    const [, email] = searchSources('tb@work.example.com');
    expect(matchedValue(email!, taylor)).toBe('tb@work.example.com');
  });
});
