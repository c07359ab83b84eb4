import { z } from 'zod';
import { MemberId, MemberKind, MemberStatus } from '../members/model.js';
import { PageQuery } from '../paging.js';

/**
 * Staff search, the pure part: how a member's fields become search tokens,
 * how a query becomes an ordered list of sources (one DynamoDB Query each, or
 * the ID lookup), and whether a member's current profile matches a source.
 *
 * Everything is compared in one normal form (`normalizeText`): decomposed
 * (NFD), combining marks removed, lower case, so "José" and "jose" are one
 * token. The stream consumer, the demo seed, the bench loader and the backfill
 * write tokens with `searchTokens` and `cardTokens`; the search reads them
 * with `searchSources`; a source's hit is kept only when `matchesSource` says
 * the member's profile as it is now matches it (a token the stream has not
 * removed yet finds nobody) and no earlier source matches it (each member is
 * listed once, under its best match, on whichever page that falls).
 */

/** What a result matched on, best first: the order of the tiers. */
export const MATCH_FIELDS = ['id', 'username', 'email', 'name', 'phone', 'company', 'card'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** The token kinds stored in the table (the ID needs none: it is the profile's key). */
/** `pair`: two words of a member's names, sorted ("baker taylor"), so a full name is one exact read. */
export type TokenField = 'user' | 'email' | 'name' | 'pair' | 'phone' | 'company' | 'card';

export interface SearchToken {
  field: TokenField;
  /** The normalized token: a username, an email, a name word, reversed phone digits, a company word, last 4. */
  token: string;
  memberId: string;
  /** The saved card a `card` token belongs to. */
  methodId?: string;
  /**
   * For `name` and `company` tokens: every word of the member's names (or company) as
   * ` w1 w2 … ` (a space before and after each), so a query's other words are checked on
   * the same item: `contains(text, ' bak')` is "a word starting with bak".
   */
  text?: string;
}

/** Longest token stored (DynamoDB sort keys allow 1,024 bytes; nothing real is this long). */
const MAX_TOKEN = 200;
/** Phone digits compared: the last 10, so "+1 512 555 0142" finds "512-555-0142" and the other way round. */
const PHONE_DIGITS = 10;
/** Digits a phone query needs, so "12" is not a phone search. */
const MIN_PHONE_DIGITS = 4;

/** NFD, combining marks removed, lower case, trimmed: "  José " → "jose". */
export const normalizeText = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();

/** The words of a name: normalized, apostrophes dropped ("O'Brien" → "obrien"), split on anything else. */
export const nameWords = (value: string): string[] =>
  normalizeText(value)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

const digitsOf = (value: string) => value.replace(/\D/g, '');
/** The compared tail of a phone number, reversed, so a suffix search is a prefix query. */
export const phoneToken = (value: string) => [...digitsOf(value).slice(-PHONE_DIGITS)].reverse().join('');

const distinct = <T>(values: Iterable<T>) => [...new Set(values)];
const wordText = (words: readonly string[]) => ` ${words.join(' ')} `;

/** The fields of a member that search reads (a subset of the stored profile). */
export interface SearchableMember {
  id: string;
  kind: 'customer' | 'partner' | 'staff';
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  phone?: string | undefined;
  companyName?: string | undefined;
  contacts?: { emails: readonly string[]; phones: readonly { number: string }[] } | undefined;
}

/** Name words a full-name pair is made of: the first few (a name of five words is rare; its prefix search still finds it). */
const PAIR_WORDS = 4;

/** Every pair of the first words of a name, each sorted and joined by a space. */
export const namePairs = (words: readonly string[]): string[] => {
  const some = words.slice(0, PAIR_WORDS);
  return some.flatMap((a, i) => some.slice(i + 1).map((b) => pairOf(a, b)));
};
const pairOf = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/** The words a member's name is found by: first, last and display name. */
export const memberNameWords = (member: SearchableMember) =>
  distinct([...nameWords(member.firstName), ...nameWords(member.lastName), ...nameWords(member.displayName)]);

const memberEmails = (member: SearchableMember) =>
  distinct([member.email, ...(member.contacts?.emails ?? [])].map(normalizeText).filter(Boolean));

const memberPhones = (member: SearchableMember) =>
  distinct(
    [member.phone, ...(member.contacts?.phones ?? []).map((p) => p.number)]
      .filter((p): p is string => Boolean(p))
      .map(phoneToken)
      .filter((t) => t.length >= MIN_PHONE_DIGITS),
  );

/**
 * Every token a member's profile is found by. Staff are not indexed: support
 * cannot act on staff accounts, so search does not offer them. A token shorter
 * than 2 characters is not stored (queries are keyed by the first 2), but the
 * word still counts in `text` for the other words of a query.
 */
export function searchTokens(member: SearchableMember): SearchToken[] {
  if (member.kind === 'staff') return [];
  const memberId = member.id;
  const out: SearchToken[] = [];
  const add = (field: TokenField, token: string, text?: string) => {
    if (token.length < 2 || token.length > MAX_TOKEN) return;
    out.push({ field, token, memberId, ...(text !== undefined ? { text } : {}) });
  };
  add('user', normalizeText(member.username));
  for (const email of memberEmails(member)) add('email', email);
  const names = memberNameWords(member);
  for (const word of names) add('name', word, wordText(names));
  for (const pair of namePairs(names)) add('pair', pair, wordText(names));
  for (const phone of memberPhones(member)) add('phone', phone);
  const company = member.companyName ? distinct(nameWords(member.companyName)) : [];
  for (const word of company) add('company', word, wordText(company));
  return out;
}

/** A saved card's token: its last 4 digits. */
export function cardTokens(memberId: string, card: { id: string; last4: string }): SearchToken[] {
  const last4 = digitsOf(card.last4);
  return last4.length === 4 ? [{ field: 'card', token: last4, memberId, methodId: card.id }] : [];
}

/** A token's identity in the table: its field, token and owner (and card). */
export const tokenId = (t: SearchToken) => `${t.field}|${t.token}|${t.memberId}|${t.methodId ?? ''}`;

/** The tokens to delete and to (re)write when a member's tokens go from `before` to `after`. */
export function tokenChanges(before: readonly SearchToken[], after: readonly SearchToken[]) {
  const same = (a: SearchToken, b: SearchToken) => a.text === b.text;
  const old = new Map(before.map((t) => [tokenId(t), t]));
  const now = new Map(after.map((t) => [tokenId(t), t]));
  return {
    remove: [...old].filter(([id]) => !now.has(id)).map(([, t]) => t),
    put: [...now].filter(([id, t]) => !old.has(id) || !same(old.get(id)!, t)).map(([, t]) => t),
  };
}

// ---- reading ----------------------------------------------------------------------------------------------------

/**
 * One place results come from, in rank order. `id` is a GetItem; the others
 * are one Query each on the partition of `drive` (its first 2 characters) of
 * that field's tokens: `exact` reads the token `drive` itself, otherwise every
 * token starting with it. `others` are the query's remaining words, each of
 * which must be a word (`exact`) or start a word of the same item's `text`.
 */
export type SearchSource =
  | { kind: 'id'; matchedOn: 'id'; id: string }
  | {
      kind: 'token';
      matchedOn: Exclude<MatchField, 'id'>;
      field: TokenField;
      drive: string;
      exact: boolean;
      others: readonly string[];
    };

/** The two longest words of a query of several make its pair (a full name is one exact read); the rest filter. */
function pairAndOthers(words: readonly string[]): { drive: string; others: string[] } | null {
  if (words.length < 2) return null;
  const order = words.map((word, i) => ({ word, i })).sort((a, b) => b.word.length - a.word.length || a.i - b.i);
  const [first, second] = [order[0]!.i, order[1]!.i];
  return { drive: pairOf(words[first]!, words[second]!), others: words.filter((_, i) => i !== first && i !== second) };
}

/** The longest word drives the query (the most selective), the first of equals; the rest filter. */
function driveAndOthers(words: readonly string[]): { drive: string; others: string[] } | null {
  let best = -1;
  words.forEach((word, i) => {
    if (word.length >= 2 && (best === -1 || word.length > words[best]!.length)) best = i;
  });
  if (best === -1) return null;
  return { drive: words[best]!, others: words.filter((_, i) => i !== best) };
}

/**
 * What a query searches, best tier first:
 *
 * 1. `id`: the query is a member ID (digits), exactly;
 * 2. `username`, then `email`: the whole query is the username or an email, exactly;
 * 3. `name`, whole words: every word of the query is a word of the member's names, in any order
 *    ("Taylor Baker", "baker taylor"; two words or more read their pair token);
 * 4. `username`, `email`, then `name` by prefix: "tay" finds taylor.baker, "tay bak" finds Taylor Baker;
 * 5. `phone`: the query's digits (4 or more) end one of the member's phone numbers, formatting ignored;
 * 6. `company`: every word of the query starts a word of the member's company name;
 * 7. `card`: the query is 4 digits, the last 4 of a saved card.
 */
export function searchSources(q: string): SearchSource[] {
  const raw = q.trim();
  const whole = normalizeText(raw);
  const words = nameWords(raw);
  // Digits and phone punctuation only: an ID, a phone or a card, never a name or a username (never all digits).
  const numeric = /^\+?[\d\s().-]+$/.test(raw);
  const single = !numeric && !/\s/.test(whole) && whole.length >= 2 && whole.length <= MAX_TOKEN;
  // One word with dots, underscores, digits or an @ is a username or an email, not a name.
  const handle = single && /[._@\d]/.test(whole);
  const split = numeric || handle ? null : driveAndOthers(words);
  const pair = numeric || handle ? null : pairAndOthers(words);
  const sources: SearchSource[] = [];
  const token = (
    matchedOn: Exclude<MatchField, 'id'>,
    field: TokenField,
    drive: string,
    exact: boolean,
    others: string[] = [],
  ) => sources.push({ kind: 'token', matchedOn, field, drive, exact, others });

  if (/^\d{1,12}$/.test(raw)) sources.push({ kind: 'id', matchedOn: 'id', id: raw });
  if (single) {
    token('username', 'user', whole, true);
    token('email', 'email', whole, true);
  }
  if (pair) token('name', 'pair', pair.drive, true, pair.others);
  else if (split) token('name', 'name', split.drive, true, split.others);
  if (single) {
    token('username', 'user', whole, false);
    token('email', 'email', whole, false);
  }
  if (split) token('name', 'name', split.drive, false, split.others);
  if (numeric && digitsOf(raw).length >= MIN_PHONE_DIGITS) {
    token('phone', 'phone', phoneToken(raw), false);
  }
  if (split) token('company', 'company', split.drive, false, split.others);
  const card = raw.replace(/^[•*·xX\s]+/, '');
  if (/^\d{4}$/.test(card)) token('card', 'card', card, true);
  return sources;
}

const startsAWord = (text: string, word: string, exact: boolean) => text.includes(exact ? ` ${word} ` : ` ${word}`);

/** Whether `value` (normalized) is what the source reads: the drive itself, or a token starting with it. */
const tokenFits = (source: Extract<SearchSource, { kind: 'token' }>, token: string) =>
  source.exact ? token === source.drive : token.startsWith(source.drive);

/**
 * Whether the member's profile, as it is now, matches the source (cards cannot be
 * checked on the profile: their tokens are written with the card itself).
 */
export function matchesSource(source: SearchSource, member: SearchableMember): boolean {
  if (member.kind === 'staff') return false;
  if (source.kind === 'id') return member.id === source.id;
  switch (source.field) {
    case 'user':
      return tokenFits(source, normalizeText(member.username));
    case 'email':
      return memberEmails(member).some((email) => tokenFits(source, email));
    case 'phone':
      return memberPhones(member).some((phone) => phone.startsWith(source.drive));
    case 'card':
      return true;
    case 'pair': {
      const words = new Set(memberNameWords(member));
      return [...source.drive.split(' '), ...source.others].every((word) => words.has(word));
    }
    case 'name':
    case 'company': {
      const words = source.field === 'name' ? memberNameWords(member) : distinct(nameWords(member.companyName ?? ''));
      const text = wordText(words);
      return (
        words.some((word) => tokenFits(source, word)) &&
        source.others.every((word) => startsAWord(text, word, source.exact))
      );
    }
  }
}

/** The value a result shows as what matched: the username, the email, the phone, the card as ••••1234… */
export function matchedValue(source: SearchSource, member: SearchableMember, cardLast4?: string): string {
  if (source.kind === 'id') return member.id;
  switch (source.field) {
    case 'user':
      return member.username;
    case 'email':
      return (
        [member.email, ...(member.contacts?.emails ?? [])].find((email) => tokenFits(source, normalizeText(email))) ??
        member.email
      );
    case 'name':
    case 'pair':
      return `${member.firstName} ${member.lastName}`;
    case 'phone':
      return (
        [member.phone, ...(member.contacts?.phones ?? []).map((p) => p.number)].find(
          (phone) => phone !== undefined && phoneToken(phone).startsWith(source.drive),
        ) ??
        member.phone ??
        ''
      );
    case 'company':
      return member.companyName ?? '';
    case 'card':
      return `••••${cardLast4 ?? source.drive}`;
  }
}

// ---- the route's contract ---------------------------------------------------------------------------------------

/** `GET /api/support/search?q=&limit=&cursor=`: one box, every way of finding a member. */
export const SupportSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'type something to search for')
    .max(100)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: PageQuery.shape.cursor,
});

export const SupportSearchResult = z.object({
  id: MemberId,
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  kind: MemberKind,
  status: MemberStatus,
  paidRank: z.number().int(),
  rankName: z.string(),
  email: z.string(),
  market: z.string(),
  /** What the query matched, best tier first: id, username, email, name, phone, company, card. */
  matchedOn: z.enum(MATCH_FIELDS),
  /** The value that matched, as shown (a card as ••••1234). */
  matched: z.string(),
});
export type SupportSearchResult = z.infer<typeof SupportSearchResult>;
