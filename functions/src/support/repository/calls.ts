import { fold, type CallChannel, type CallNote } from '@arbor/shared/support/account';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys, type Index } from '@arbor/shared/table';
import {
  decodeCursor,
  encodeCursor,
  getItem,
  query,
  startKeyOf,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  type Item,
  type Page,
  type QuerySpec,
  type StartKey,
  type TableWrite,
} from '../../lib/db.js';

/**
 * The call log's store: a note is its own item (`CALL#<id>` / `CALL`), listed under its member
 * (GSI1 `MEMBER#<id>#CALLS`) and under its month for the company-wide log (GSI3 `CALLS#<month>`),
 * both by time. It carries its words folded (lower case, no accents) so a filter finds "José"
 * by "jose".
 */

function callItem(note: CallNote): Item {
  const sort = keys.callSort(note.at, note.id);
  return {
    ...keys.callNote(note.id),
    entity: 'callNote',
    ...note,
    topicKey: fold(note.topic),
    searchText: fold(`${note.topic} ${note.text}`),
    ...indexKeys(INDEX.memberCalls, keys.memberCalls(note.memberId), sort),
    ...indexKeys(INDEX.callsByMonth, keys.callsByMonth(note.at.slice(0, 7)), sort),
  };
}

const noteOf = (item: Item): CallNote => {
  const { topicKey: _topic, searchText: _search, ...note } = stripKeys<CallNote & Record<string, unknown>>(item);
  return note as CallNote;
};

/**
 * Writes a note once, with what else belongs to it (the member's log entry) in the same
 * transaction: 'exists' when a note with this id is there already (the same request again).
 */
export async function insertCallNote(note: CallNote, also: TableWrite[]): Promise<'inserted' | 'exists'> {
  try {
    await transact([txPut({ Item: callItem(note), ConditionExpression: 'attribute_not_exists(PK)' }), ...also]);
    return 'inserted';
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return 'exists';
    throw error;
  }
}

export async function getCallNote(noteId: string): Promise<CallNote | null> {
  const item = await getItem(keys.callNote(noteId), { ConsistentRead: true });
  return item ? noteOf(item) : null;
}

export interface CallFilter {
  words?: string | undefined;
  channel?: CallChannel | undefined;
  topic?: string | undefined;
  agent?: string | undefined;
}

function filterOf(filter: CallFilter): Pick<QuerySpec, 'FilterExpression' | 'ExpressionAttributeValues'> {
  const conditions: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.channel) {
    conditions.push('channel = :channel');
    values[':channel'] = filter.channel;
  }
  if (filter.topic) {
    conditions.push('topicKey = :topic');
    values[':topic'] = fold(filter.topic);
  }
  if (filter.agent) {
    conditions.push('authorId = :agent');
    values[':agent'] = filter.agent;
  }
  fold(filter.words ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .forEach((word, n) => {
      conditions.push(`contains(searchText, :w${n})`);
      values[`:w${n}`] = word;
    });
  return conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeValues: values } : {};
}

/** Reads at most this many items to fill one filtered page (a rare filter answers a short page and a cursor). */
const MAX_READ_PER_PAGE = 2000;

/** A filtered page, newest first: reads on until `limit` notes matched (or the list ended), cursor after the last. */
async function filteredPage(
  index: Index,
  pk: string,
  sk: QuerySpec['sk'],
  filter: CallFilter,
  limit: number,
  cursor?: string,
): Promise<Page<CallNote>> {
  const items: Item[] = [];
  let start: StartKey | undefined = decodeCursor(cursor);
  let read = 0;
  do {
    const page = await query(
      {
        index,
        pk,
        ...(sk ? { sk } : {}),
        ScanIndexForward: false,
        Limit: Math.min(100, limit * 4),
        ...filterOf(filter),
      },
      start,
    );
    read += Math.min(100, limit * 4);
    for (const item of page.items) {
      items.push(item);
      if (items.length === limit) {
        return { items: items.map(noteOf), cursor: encodeCursor(startKeyOf(item, index)) };
      }
    }
    start = page.lastKey;
  } while (start && read < MAX_READ_PER_PAGE);
  return { items: items.map(noteOf), cursor: encodeCursor(start) };
}

/** A member's call notes, newest first, filtered. */
export const listMemberCalls = (memberId: string, filter: CallFilter, limit: number, cursor?: string) =>
  filteredPage(INDEX.memberCalls, keys.memberCalls(memberId), undefined, filter, limit, cursor);

/** The company's call notes of one month between two times, newest first, filtered. */
export const listCallsOfMonth = (
  month: string,
  range: { from: string; to: string },
  filter: CallFilter,
  limit: number,
  cursor?: string,
) =>
  filteredPage(
    INDEX.callsByMonth,
    keys.callsByMonth(month),
    { between: [range.from, `${range.to}~`] },
    filter,
    limit,
    cursor,
  );

/** A member's newest call notes (the overview shows a few; the timeline merges them). */
export async function latestMemberCalls(memberId: string, limit: number, before?: string): Promise<CallNote[]> {
  const { items } = await query({
    index: INDEX.memberCalls,
    pk: keys.memberCalls(memberId),
    ...(before ? { sk: { between: ['0', before] as const } } : {}),
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(noteOf).filter((note) => !before || note.at < before);
}
