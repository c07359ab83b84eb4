import { newsApi } from '@arbor/shared/api/news';
import { areaRouter } from '../area-router.js';
import {
  adminCreateArticle,
  adminDeleteArticle,
  adminGetArticle,
  adminListArticles,
  adminUpdateArticle,
} from './handlers/articles.js';
import { createNoteHandler, deleteNote, listMyNotes, updateNoteHandler } from './handlers/notes.js';
import { getNewsItem, listNews, previewNews } from './handlers/read.js';

export const handler = areaRouter('news', newsApi, {
  listNews,
  getNews: getNewsItem,
  previewNews,
  adminListArticles,
  adminGetArticle,
  adminCreateArticle,
  adminUpdateArticle,
  adminDeleteArticle,
  listMyNotes,
  createNote: createNoteHandler,
  updateNote: updateNoteHandler,
  deleteNote,
});
