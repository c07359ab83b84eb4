import { keys } from '@arbor/shared/keys';
import { ValidationError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import {
  matchedValue,
  matchesSource,
  searchSources,
  searchTokens,
  type MatchField,
  type SearchSource,
} from '@arbor/shared/support/search';
import { loadRankNames, rankName } from '../commissions/rank-names.js';
import { getMember } from '../members/repository.js';
import { searchedMembers, tokenPage, type SearchedMember, type TokenHit } from './repository/search.js';

/**
 * Staff search: the query's sources (shared/src/support/search.ts) read in
 * rank order, each hit checked on the member's profile as it is now, so a
 * member is listed once, under its best match, and a token the stream has
 * not removed yet finds nobody. The cursor is where the page stopped: the
 * source and the last sort key read in it.
 */

type TokenSource = Extract<SearchSource, { kind: 'token' }>;

/** Where a page ends: source `s`, after sort key `k` in it (from its start when absent). */
interface Position {
  s: number;
  k?: string;
}

export interface SearchResult {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  kind: Member['kind'];
  status: Member['status'];
  paidRank: number;
  rankName: string;
  email: string;
  market: string;
  matchedOn: MatchField;
  matched: string;
}

/** More reads per request after the first page of each source (words that filter most tokens out). */
const MAX_MORE_READS = 5;
/** Tokens read by a Query after the first page of a source, and by the first page of one whose other words filter. */
const MORE_PAGE = 300;

const invalidCursor = () =>
  new ValidationError('query.cursor: is not a cursor this search gave out; start again from the first page.', [
    { field: 'query.cursor', rule: 'invalid_cursor', message: 'query.cursor: is not a cursor this search gave out' },
  ]);

const encodeCursor = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** A cursor back into a position of these sources; anything else is a 400 naming `query.cursor`. */
function decodeCursor(cursor: string | undefined, sources: readonly SearchSource[]): Position {
  if (cursor === undefined || cursor === '') return { s: 0 };
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor();
  const { s, k, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalidCursor();
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > sources.length) throw invalidCursor();
  if (k === undefined) return { s };
  const source = sources[s];
  if (typeof k !== 'string' || k.length > 1024 || !source || source.kind !== 'token') throw invalidCursor();
  if (!k.startsWith(keys.searchSortPrefix(source.drive, source.exact))) throw invalidCursor();
  return { s, k };
}

/** The member of a card token's sort key (`<last 4>#<member>#<card>`). */
const memberOfSort = (sort: string | undefined) => sort?.split('#')[1];

/**
 * Whether this hit is the member's first in the source: a member with two name words
 * starting with "ann", or two cards ending 1234, is listed at the first of them.
 */
function firstOfMember(
  source: TokenSource,
  hit: TokenHit,
  member: SearchedMember,
  previous: string | undefined,
): boolean {
  if (source.field === 'card') return memberOfSort(previous) !== member.id;
  const own = searchTokens(member)
    .filter((t) => t.field === source.field)
    .filter((t) => (source.exact ? t.token === source.drive : t.token.startsWith(source.drive)))
    .map((t) => keys.searchToken(t.field, t.token, t.memberId).SK)
    .sort();
  return own[0] === hit.sort;
}

function resultOf(source: SearchSource, member: SearchedMember, last4?: string): SearchResult {
  return {
    id: member.id,
    displayName: member.displayName,
    firstName: member.firstName,
    lastName: member.lastName,
    kind: member.kind,
    status: member.status,
    paidRank: member.paidRank,
    rankName: rankName(member.paidRank),
    email: member.email,
    market: member.market,
    matchedOn: source.matchedOn,
    matched: matchedValue(source, member, last4),
  };
}

export async function searchMembers(
  q: string,
  limit: number,
  cursor?: string,
): Promise<{ items: SearchResult[]; cursor: string | null }> {
  const sources = searchSources(q);
  const start = decodeCursor(cursor, sources);
  await loadRankNames();

  // The first page of every source at once (most searches end in the first source that has hits).
  const firstPages = new Map<number, ReturnType<typeof tokenPage>>();
  let idMember: Promise<Member | null> | null = null;
  for (let s = start.s; s < sources.length; s++) {
    const source = sources[s]!;
    if (source.kind === 'id') idMember = getMember(source.id);
    else {
      const first = source.others.length > 0 ? MORE_PAGE : limit + 1;
      firstPages.set(s, tokenPage(source, s === start.s ? start.k : undefined, first));
    }
  }
  // Failed prefetches surface when awaited below; none is left unobserved meanwhile.
  for (const page of firstPages.values()) page.catch(() => undefined);

  const profiles = new Map<string, SearchedMember | null>();
  const profilesOf = async (ids: readonly string[]) => {
    const missing = [...new Set(ids)].filter((id) => !profiles.has(id));
    if (missing.length === 0) return;
    const found = await searchedMembers(missing);
    for (const id of missing) profiles.set(id, null);
    for (const member of found) profiles.set(member.id, member);
  };
  const isBestMatch = (s: number, member: SearchedMember) =>
    member.kind !== 'staff' && sources.slice(0, s).every((earlier) => !matchesSource(earlier, member));

  const found: { result: SearchResult; after: Position }[] = [];
  let stoppedAt: Position | null = null;
  let moreReads = 0;
  sources: for (let s = start.s; s < sources.length; s++) {
    const source = sources[s]!;
    if (source.kind === 'id') {
      const member = await idMember;
      if (member && matchesSource(source, member) && isBestMatch(s, member)) {
        found.push({ result: resultOf(source, member), after: { s: s + 1 } });
      }
      if (found.length > limit) break;
      continue;
    }
    let page = await firstPages.get(s)!;
    let previous = s === start.s ? start.k : undefined;
    for (;;) {
      await profilesOf(page.hits.map((hit) => hit.memberId));
      for (const hit of page.hits) {
        const member = profiles.get(hit.memberId);
        const keep =
          member &&
          matchesSource(source, member) &&
          isBestMatch(s, member) &&
          firstOfMember(source, hit, member, previous);
        previous = hit.sort;
        if (!keep) continue;
        found.push({ result: resultOf(source, member, hit.last4), after: { s, k: hit.sort } });
        if (found.length > limit) break sources;
      }
      if (!page.next) break;
      if (moreReads >= MAX_MORE_READS) {
        // A page's worth of reading done: say where to go on, even with fewer results than asked.
        stoppedAt = { s, k: page.next };
        break sources;
      }
      moreReads++;
      page = await tokenPage(source, page.next, MORE_PAGE);
    }
  }

  if (found.length > limit) {
    return { items: found.slice(0, limit).map((f) => f.result), cursor: encodeCursor(found[limit - 1]!.after) };
  }
  return { items: found.map((f) => f.result), cursor: stoppedAt ? encodeCursor(stoppedAt) : null };
}
