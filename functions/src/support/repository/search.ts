import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { memberFromItem } from '../../members/repository.js';
import {
  cardTokens,
  searchTokens,
  tokenChanges,
  type SearchSource,
  type SearchToken,
} from '@arbor/shared/support/search';
import { batchWrite, type BatchRequest } from '../../lib/bulk.js';
import {
  batchGet,
  query,
  transact,
  TransactionConditionError,
  txDelete,
  txPut,
  type Item,
  type TableWrite,
} from '../../lib/db.js';
import { env } from '../../lib/env.js';

/**
 * The staff search index: one item per token of a member (shared/src/support/search.ts),
 * `FIND#<field>:<first 2 characters>` / `<token>#<member>[#<card>]`. Profiles' tokens are
 * kept by the genealogy stream (`syncMemberSearchTokens`), a card's are written in the
 * card's own transaction (`cardTokenWrites`); bulk loads write `searchTokenItems` themselves.
 */

const tokenKey = (t: SearchToken) => keys.searchToken(t.field, t.token, t.memberId, t.methodId);

/** The item of one token: its key and what a search reads from it (the member, the card, the words). */
export const searchTokenItem = (t: SearchToken): Item => ({
  ...tokenKey(t),
  entity: 'searchToken',
  field: t.field,
  memberId: t.memberId,
  ...(t.methodId ? { methodId: t.methodId } : {}),
  ...(t.text !== undefined ? { text: t.text } : {}),
  ...(t.field === 'card' ? { last4: t.token } : {}),
});

/** Every search item a member's profile brings (none for staff). */
export const searchTokenItems = (member: Member): Item[] => searchTokens(member).map(searchTokenItem);

/** A saved card's search item (its last 4). */
export const cardTokenItems = (memberId: string, card: { id: string; last4: string }): Item[] =>
  cardTokens(memberId, card).map(searchTokenItem);

/**
 * The writes that add (or remove) a card's search token, in the transaction that saves (or
 * deletes) the card, so a card is found from the moment it is on file and not a moment after.
 */
export const cardTokenWrites = (
  memberId: string,
  card: { id: string; last4: string },
  change: 'put' | 'delete',
): TableWrite[] =>
  cardTokens(memberId, card).map((t) =>
    change === 'put' ? txPut({ Item: searchTokenItem(t) }) : txDelete({ Key: tokenKey(t) }),
  );

/**
 * Brings a member's search tokens from what `before` had to what `after` has: deletes the
 * tokens it lost, writes the new or changed ones. Idempotent (puts and deletes of fixed
 * keys), so a stream batch retried from any record does no harm.
 */
export async function syncMemberSearchTokens(before: Member | null, after: Member | null): Promise<number> {
  const { remove, put } = tokenChanges(before ? searchTokens(before) : [], after ? searchTokens(after) : []);
  const requests: BatchRequest[] = [
    ...remove.map((t) => ({ DeleteRequest: { Key: tokenKey(t) } })),
    ...put.map((t) => ({ PutRequest: { Item: searchTokenItem(t) } })),
  ];
  if (requests.length > 0) await batchWrite(requests);
  return requests.length;
}

/** Rewrites every token of a member (the backfill): its profile's and its cards'. Idempotent. */
export async function putSearchTokens(items: readonly Item[]): Promise<void> {
  if (items.length > 0) await batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
}

/**
 * Writes a card's token only while the card is on file (the backfill: a card deleted since it
 * was read must not come back as a token). Returns whether it wrote.
 */
export async function putCardTokenIfCardExists(
  memberId: string,
  card: { id: string; last4: string },
): Promise<boolean> {
  const writes = cardTokenWrites(memberId, card, 'put');
  if (writes.length === 0) return false;
  try {
    await transact([
      {
        ConditionCheck: {
          TableName: env.tableName(),
          Key: keys.paymentMethod(memberId, card.id),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      ...writes,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError) return false;
    throw error;
  }
}

/** One stored token as a search reads it. */
export interface TokenHit {
  /** The item's sort key: where the next page of this source starts. */
  sort: string;
  memberId: string;
  last4?: string;
}

/**
 * One page of a token source (`searchSources`): the tokens of the source's field that are
 * (or start with) its drive, after `after` (a sort key of this source), the query's other
 * words checked on the item itself (a word, or the start of a word, of its `text`).
 */
export async function tokenPage(
  source: Extract<SearchSource, { kind: 'token' }>,
  after: string | undefined,
  limit: number,
): Promise<{ hits: TokenHit[]; next: string | undefined }> {
  const pk = keys.searchPartition(source.field, source.drive);
  const words = source.others.map((word) => (source.exact ? ` ${word} ` : ` ${word}`));
  const filter = words.length
    ? {
        FilterExpression: words.map((_, i) => `contains(#text, :w${i})`).join(' AND '),
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: Object.fromEntries(words.map((word, i) => [`:w${i}`, word])),
      }
    : {};
  const result = await query(
    {
      pk,
      sk: { beginsWith: keys.searchSortPrefix(source.drive, source.exact) },
      ProjectionExpression: 'SK, memberId, last4',
      Limit: limit,
      ...filter,
    },
    after ? { PK: pk, SK: after } : undefined,
  );
  return {
    hits: result.items.map((item) => ({
      sort: item.SK as string,
      memberId: item.memberId as string,
      ...(typeof item.last4 === 'string' ? { last4: item.last4 } : {}),
    })),
    next: result.lastKey ? (result.lastKey.SK as string) : undefined,
  };
}

/** What a search reads of a member's profile: what it matches on and what a result shows. */
const SEARCHED_ATTRIBUTES = [
  'id',
  'kind',
  'role',
  'status',
  'firstName',
  'lastName',
  'displayName',
  'username',
  'email',
  'phone',
  'companyName',
  'contacts',
  'paidRank',
  'market',
] as const;

export type SearchedMember = Pick<Member, (typeof SEARCHED_ATTRIBUTES)[number]>;

/** The searched part of members' profiles (missing members left out). */
export async function searchedMembers(ids: readonly string[]): Promise<SearchedMember[]> {
  if (ids.length === 0) return [];
  const items = await batchGet(
    [...new Set(ids)].map((id) => keys.member(id)),
    SEARCHED_ATTRIBUTES,
  );
  return items.map((item) => memberFromItem(item) as SearchedMember);
}
