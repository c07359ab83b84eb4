import { z } from 'zod';
import {
  ArticleInput,
  ArticleUpdate,
  ArticleView,
  NewsDetail,
  NewsId,
  NewsSummary,
  NoteInput,
  NoteUpdate,
  NoteView,
} from '../news/model.js';
import { PageQuery, pageOf } from '../paging.js';
import { ADMIN, ALL_ROLES, PARTNERS_AND_STAFF, STAFF, endpoint } from './endpoint.js';

const ById = z.object({ id: NewsId });

/** The reader's list: newest first, a page at a time (the cursor is where the last page ended). */
const NewsQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) });

const ArticleAnswer = z.object({ article: ArticleView });
const NoteAnswer = z.object({ note: NoteView });

/** News and articles (docs/news.md): company articles, partners' notes to their downline, and the readers' view of both. */
export const newsApi = {
  listNews: endpoint({
    auth: ALL_ROLES,
    summary:
      "What the caller may read now, newest first: company articles for its market and kind, and its uplines' notes.",
    query: NewsQuery,
    response: pageOf(NewsSummary),
  }),
  getNews: endpoint({
    auth: ALL_ROLES,
    summary: 'One article or note the caller may read now, its body as HTML (404 otherwise).',
    params: ById,
    response: z.object({ item: NewsDetail }),
  }),
  previewNews: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: 'A Markdown body as readers will see it (HTML); nothing is stored.',
    body: z.object({ body: z.string().max(40_000) }),
    response: z.object({ html: z.string() }),
    allowReadOnly: true,
  }),
  adminListArticles: endpoint({
    auth: STAFF,
    summary: 'Every company article, latest publication first, scheduled, live and expired.',
    query: PageQuery,
    response: pageOf(ArticleView),
  }),
  adminGetArticle: endpoint({
    auth: STAFF,
    summary: 'One company article as the admin edits it, whatever its status.',
    params: ById,
    response: ArticleAnswer,
  }),
  adminCreateArticle: endpoint({
    auth: ADMIN,
    summary: 'Publish an article (at its publication time) to an audience of markets and kinds of member.',
    body: ArticleInput,
    response: ArticleAnswer,
    status: 201,
  }),
  adminUpdateArticle: endpoint({
    auth: ADMIN,
    summary: 'Replace an article with the version read (409 version_conflict if it changed meanwhile).',
    params: ById,
    body: ArticleUpdate,
    response: ArticleAnswer,
  }),
  adminDeleteArticle: endpoint({
    auth: ADMIN,
    summary: 'Delete an article.',
    params: ById,
    response: null,
    status: 204,
  }),
  listMyNotes: endpoint({
    auth: ['partner'],
    summary: "The caller's notes to its team, latest publication first.",
    query: PageQuery,
    response: pageOf(NoteView),
  }),
  createNote: endpoint({
    auth: ['partner'],
    summary: 'Write a note to the downline (both trees), shown between its dates.',
    body: NoteInput,
    response: NoteAnswer,
    status: 201,
  }),
  updateNote: endpoint({
    auth: ['partner'],
    summary: "Replace one of the caller's notes with the version read (404 for anyone else's).",
    params: ById,
    body: NoteUpdate,
    response: NoteAnswer,
  }),
  deleteNote: endpoint({
    auth: ['partner'],
    summary: "Delete one of the caller's notes (404 for anyone else's).",
    params: ById,
    response: null,
    status: 204,
  }),
};
