import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@arbor/shared/errors';
import { isStaff, type Member, type Role } from '@arbor/shared/members/model';
import {
  newsStatus,
  versionFor,
  type ArticleInput,
  type ArticleView,
  type NewsDetail,
  type NewsSummary,
  type NoteInput,
  type NoteView,
} from '@arbor/shared/news/model';
import type { Page } from '../lib/db.js';
import { nowIso } from '../lib/ids.js';
import { verifyUpload } from '../lib/uploads.js';
import { getMember } from '../members/repository.js';
import { bodyHtml, coverUrl, summaryOf } from './render.js';
import {
  deleteNews,
  getNews,
  listNewsPage,
  putNewNews,
  saveNews,
  sortKeyOf,
  visibleNews,
  type NewsRecord,
} from './repository.js';

/**
 * News and articles (docs/news.md). An article reaches the members of its
 * audience (kinds and markets) between its publication and its expiry; a
 * partner's note reaches its downline in either tree over the same window.
 */

const newId = () => `n${randomBytes(10).toString('hex')}`;
const ARTICLES_OWNER = 'articles';
const COMPANY = { kind: 'article', authorId: '' } as const;

/** Who reads: its profile (market, kind, language, both paths) and whether it is staff. */
export interface Reader {
  member: Member;
  staff: boolean;
}

export async function readerOf(principal: { memberId: string; role: Role }): Promise<Reader> {
  const member = await getMember(principal.memberId);
  if (!member) throw new NotFoundError('Your profile was not found.');
  return { member, staff: isStaff(principal.role) };
}

/** The partners whose notes a member reads: every ancestor in the placement and the enroller tree, once. */
const ancestorsOf = (member: Member) => [...new Set([...member.placementPath, ...member.sponsorPath])];

/** May this reader read this item now? */
function canRead(record: NewsRecord, reader: Reader, now: string): boolean {
  if (newsStatus(record, now) !== 'live') return false;
  const { member } = reader;
  if (record.kind === 'note') return record.authorId === member.id || ancestorsOf(member).includes(record.authorId);
  if (reader.staff) return true;
  const audience = record.audience;
  return Boolean(
    audience &&
    (audience.roles as string[]).includes(member.kind) &&
    (audience.markets.length === 0 || audience.markets.includes(member.market)),
  );
}

async function summaryView(record: NewsRecord, reader: Reader): Promise<NewsSummary> {
  const { language, version } = versionFor(record.versions, reader.member.language);
  return {
    id: record.id,
    kind: record.kind,
    language,
    title: version.title,
    summary: summaryOf(version.body),
    publishAt: record.publishAt,
    expiresAt: record.expiresAt,
    imageUrl: await coverUrl(record.imageKey),
    author: record.kind === 'note' ? { id: record.authorId, name: record.authorName ?? '' } : null,
  };
}

// ---- readers -------------------------------------------------------------------

const CURSOR = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#n[0-9a-f]{20}$/;

const badCursor = () =>
  new ValidationError('query.cursor: is not a cursor this list gave out; start again from the first page.', [
    { field: 'query.cursor', rule: 'invalid_cursor', message: 'query.cursor: is not a cursor this list gave out' },
  ]);

function decodeFeedCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CURSOR.test(sortKey)) throw badCursor();
  return sortKey;
}

/**
 * What a reader may read now, newest first: company articles for its kind
 * and market (staff: every current article), and the notes of each of its
 * ancestors in both trees, each list read in parallel for a page and one
 * more, then merged. The cursor is the sort key of the page's last item.
 */
export async function readerFeed(reader: Reader, limit: number, cursor?: string): Promise<Page<NewsSummary>> {
  const now = nowIso();
  const upTo = decodeFeedCursor(cursor) ?? `${now}#~`;
  const want = limit + 1;
  const { member } = reader;
  const lists = await Promise.all([
    visibleNews({ source: COMPANY, upTo, now, want, audience: reader.staff ? null : member }),
    ...ancestorsOf(member).map((authorId) =>
      visibleNews({ source: { kind: 'note', authorId }, upTo, now, want, audience: null }),
    ),
  ]);
  const merged = lists
    .flatMap((list) => list.items)
    .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? 1 : -1))
    .slice(0, want);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map((record) => summaryView(record, reader))),
    cursor: merged.length > limit && last ? Buffer.from(sortKeyOf(last)).toString('base64url') : null,
  };
}

/** One item the reader may read now, its body as HTML; 404 for anything else. */
export async function readItem(id: string, reader: Reader): Promise<NewsDetail> {
  const record = await getNews(id);
  if (!record || !canRead(record, reader, nowIso())) throw new NotFoundError('There is no such news item.');
  const summary = await summaryView(record, reader);
  const { version } = versionFor(record.versions, summary.language);
  return { ...summary, html: await bodyHtml(version.body) };
}

export const previewHtml = (markdown: string) => bodyHtml(markdown);

// ---- company articles ---------------------------------------------------------

async function articleView(record: NewsRecord, now = nowIso()): Promise<ArticleView> {
  return {
    id: record.id,
    versions: record.versions,
    audience: record.audience ?? { markets: [], roles: [] },
    imageKey: record.imageKey,
    imageUrl: await coverUrl(record.imageKey),
    status: newsStatus(record, now),
    publishAt: record.publishAt,
    expiresAt: record.expiresAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

export async function articlesPage(limit: number, cursor?: string): Promise<Page<ArticleView>> {
  const page = await listNewsPage(COMPANY, limit, cursor);
  const now = nowIso();
  return { items: await Promise.all(page.items.map((record) => articleView(record, now))), cursor: page.cursor };
}

const conflict = () =>
  new ConflictError('Someone else changed this item. Reload it and apply your change again.', 'version_conflict');

/** The stored form of what was written: versions kept as given, dates in UTC. */
const written = (input: Pick<ArticleInput, 'publishAt' | 'expiresAt'>) => ({
  publishAt: input.publishAt,
  expiresAt: input.expiresAt ?? null,
});

export const getArticle = async (id: string) => articleView(await ownRecord(id, 'article'));

export async function createArticle(input: ArticleInput, adminId: string): Promise<ArticleView> {
  if (input.imageKey) await verifyUpload('newsImage', ARTICLES_OWNER, input.imageKey, 'body.imageKey');
  const now = nowIso();
  const record: NewsRecord = {
    id: newId(),
    kind: 'article',
    versions: input.versions,
    audience: input.audience,
    authorId: adminId,
    authorName: null,
    language: null,
    ...written(input),
    imageKey: input.imageKey ?? null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (!(await putNewNews(record))) throw new ConflictError('Try again.', 'id_taken');
  return articleView(record);
}

async function ownRecord(id: string, kind: NewsRecord['kind'], authorId?: string): Promise<NewsRecord> {
  const record = await getNews(id);
  if (!record || record.kind !== kind || (authorId !== undefined && record.authorId !== authorId)) {
    throw new NotFoundError(kind === 'article' ? 'There is no such article.' : 'You have no such note.');
  }
  return record;
}

export async function updateArticle(id: string, input: ArticleInput & { version: number }): Promise<ArticleView> {
  const current = await ownRecord(id, 'article');
  if (current.version !== input.version) throw conflict();
  const imageKey = input.imageKey ?? null;
  if (imageKey && imageKey !== current.imageKey) {
    await verifyUpload('newsImage', ARTICLES_OWNER, imageKey, 'body.imageKey');
  }
  const record: NewsRecord = {
    ...current,
    versions: input.versions,
    audience: input.audience,
    ...written(input),
    imageKey,
    updatedAt: nowIso(),
    version: current.version + 1,
  };
  if (!(await saveNews(record, current.version))) throw conflict();
  return articleView(record);
}

export async function removeArticle(id: string): Promise<void> {
  if (!(await deleteNews(id, 'article'))) throw new NotFoundError('There is no such article.');
}

// ---- partners' notes ------------------------------------------------------------

function noteView(record: NewsRecord, now = nowIso()): NoteView {
  const language = record.language ?? 'en';
  const { version } = versionFor(record.versions, language);
  return {
    id: record.id,
    title: version.title,
    body: version.body,
    language,
    status: newsStatus(record, now),
    publishAt: record.publishAt,
    expiresAt: record.expiresAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

export async function notesPage(authorId: string, limit: number, cursor?: string): Promise<Page<NoteView>> {
  const page = await listNewsPage({ kind: 'note', authorId }, limit, cursor);
  const now = nowIso();
  return { items: page.items.map((record) => noteView(record, now)), cursor: page.cursor };
}

const noteContent = (input: NoteInput, author: Member) => {
  const language = input.language ?? author.language;
  return {
    versions: { [language]: { title: input.title, body: input.body } },
    language,
    authorName: author.displayName,
    ...written(input),
  };
};

export async function createNote(input: NoteInput, author: Member): Promise<NoteView> {
  const now = nowIso();
  const record: NewsRecord = {
    id: newId(),
    kind: 'note',
    audience: null,
    authorId: author.id,
    imageKey: null,
    ...noteContent(input, author),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (!(await putNewNews(record))) throw new ConflictError('Try again.', 'id_taken');
  return noteView(record);
}

/** A partner changes only its own notes: anyone else's is a 404. */
export async function updateNote(
  id: string,
  input: NoteInput & { version: number },
  author: Member,
): Promise<NoteView> {
  const current = await ownRecord(id, 'note', author.id);
  if (current.version !== input.version) throw conflict();
  const record: NewsRecord = {
    ...current,
    ...noteContent(input, author),
    updatedAt: nowIso(),
    version: current.version + 1,
  };
  if (!(await saveNews(record, current.version))) throw conflict();
  return noteView(record);
}

export async function removeNote(id: string, authorId: string): Promise<void> {
  if (!(await deleteNews(id, 'note', authorId))) throw new NotFoundError('You have no such note.');
}
