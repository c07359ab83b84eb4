import { keys } from '@arbor/shared/keys';
import type { MemberKind } from '@arbor/shared/members/model';
import type { Language } from '@arbor/shared/members/model';
import type { NewsAudience, NewsKind, NewsVersions } from '@arbor/shared/news/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  conditionally,
  deleteItem,
  getItem,
  putItem,
  query,
  queryPage,
  stripKeys,
  type Item,
  type Page,
  type StartKey,
} from '../lib/db.js';

/**
 * Every table access of the news area: one item per article or note
 * (`NEWS#<id>`), listed by publication time in its source's partition of
 * GSI1: `NEWS` for company articles, `MEMBER#<author>#NOTES` for a partner's
 * notes (docs/news.md, docs/table-design.md).
 */

export interface NewsRecord {
  id: string;
  kind: NewsKind;
  versions: NewsVersions;
  /** Articles only: who reads it; null on notes (a note's audience is its author's downline). */
  audience: NewsAudience | null;
  /** The admin who wrote the article, or the partner whose note it is. */
  authorId: string;
  /** Notes: the author's name as its readers see it. */
  authorName: string | null;
  /** Notes: the one language it is written in. */
  language: Language | null;
  publishAt: string;
  expiresAt: string | null;
  imageKey: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The list an item is in: company articles, or its author's notes. */
export const sourceOf = (record: Pick<NewsRecord, 'kind' | 'authorId'>) =>
  record.kind === 'article'
    ? { index: INDEX.news, pk: keys.newsIndex }
    : { index: INDEX.memberNotes, pk: keys.memberNotes(record.authorId) };

/** Where an item sorts in its list (and in a reader's merged list). */
export const sortKeyOf = (record: Pick<NewsRecord, 'publishAt' | 'id'>) => keys.newsSort(record.publishAt, record.id);

/** The item as stored (the demo seed writes these too). */
export function newsItem(record: NewsRecord): Item {
  const { index, pk } = sourceOf(record);
  return { ...keys.newsItem(record.id), ...indexKeys(index, pk, sortKeyOf(record)), entity: 'news', ...record };
}

/** Writes a new item; false if its id is taken. */
export const putNewNews = (record: NewsRecord) =>
  conditionally(putItem({ Item: newsItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));

/**
 * A new version of an item, if it is still the version read, of the same kind
 * and (for a note) of the same author; false otherwise.
 */
export const saveNews = (record: NewsRecord, expectedVersion: number) =>
  conditionally(
    putItem({
      Item: newsItem(record),
      ConditionExpression: 'version = :v AND kind = :kind AND authorId = :author',
      ExpressionAttributeValues: { ':v': expectedVersion, ':kind': record.kind, ':author': record.authorId },
    }),
  );

export async function getNews(id: string): Promise<NewsRecord | null> {
  const item = await getItem(keys.newsItem(id), { ConsistentRead: true });
  return item ? stripKeys<NewsRecord>(item) : null;
}

/** Deletes an item of this kind (and, for a note, of this author); false when there is none. */
export const deleteNews = (id: string, kind: NewsKind, authorId?: string) =>
  conditionally(
    deleteItem({
      Key: keys.newsItem(id),
      ConditionExpression: authorId ? 'kind = :kind AND authorId = :author' : 'kind = :kind',
      ExpressionAttributeValues: { ':kind': kind, ...(authorId ? { ':author': authorId } : {}) },
    }),
  );

/** Every item of one list (company articles, or one author's notes), latest publication first, a page at a time. */
export async function listNewsPage(
  source: Pick<NewsRecord, 'kind' | 'authorId'>,
  limit: number,
  cursor?: string,
): Promise<Page<NewsRecord>> {
  const { index, pk } = sourceOf(source);
  const page = await queryPage({ index, pk, ScanIndexForward: false, Limit: limit }, cursor);
  return { items: page.items.map((item) => stripKeys<NewsRecord>(item)), cursor: page.cursor };
}

/** The reader an article's audience is matched against. */
export interface AudienceMember {
  kind: MemberKind;
  market: string;
}

export interface VisibleQuery {
  /** Company articles, or the notes of this author. */
  source: Pick<NewsRecord, 'kind' | 'authorId'>;
  /** Items sorting at or before this sort key (the one equal to it, a page's last, is left out). */
  upTo: string;
  now: string;
  /** Articles: only those whose audience holds this member (staff: null, every article). */
  audience: AudienceMember | null;
  /** How many to find. */
  want: number;
}

/**
 * The latest items of one list that are published and not expired at `now`
 * (and, for articles, whose audience holds the reader), newest first: up to
 * `want`, and whether more may follow. Expired items are skipped by the
 * query's filter, page after page, until enough are found.
 */
export async function visibleNews(spec: VisibleQuery): Promise<{ items: NewsRecord[]; more: boolean }> {
  const { index, pk } = sourceOf(spec.source);
  const names: Record<string, string> = { '#expiresAt': 'expiresAt' };
  const values: Record<string, unknown> = { ':null': null, ':now': spec.now };
  let filter = '(#expiresAt = :null OR #expiresAt > :now)';
  if (spec.source.kind === 'article' && spec.audience) {
    Object.assign(names, { '#audience': 'audience', '#roles': 'roles', '#markets': 'markets' });
    Object.assign(values, { ':kind': spec.audience.kind, ':market': spec.audience.market, ':none': 0 });
    filter +=
      ' AND contains(#audience.#roles, :kind)' +
      ' AND (size(#audience.#markets) = :none OR contains(#audience.#markets, :market))';
  }
  const items: NewsRecord[] = [];
  let start: StartKey | undefined;
  do {
    const page = await query(
      {
        index,
        pk,
        sk: { between: ['0', spec.upTo] },
        ScanIndexForward: false,
        Limit: Math.max(10, spec.want),
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      start,
    );
    for (const item of page.items) {
      const record = stripKeys<NewsRecord>(item);
      if (sortKeyOf(record) !== spec.upTo) items.push(record);
    }
    start = page.lastKey;
  } while (start && items.length < spec.want);
  return { items: items.slice(0, spec.want), more: items.length > spec.want || start !== undefined };
}
