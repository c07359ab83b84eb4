import { newsApi } from '@arbor/shared/api/news';
import { route } from '../../lib/http.js';
import { previewHtml, readItem, readerFeed, readerOf } from '../service.js';

export const listNews = route(newsApi.listNews, async ({ principal, query }) =>
  readerFeed(await readerOf(principal), query.limit, query.cursor),
);

export const getNewsItem = route(newsApi.getNews, async ({ principal, params }) => ({
  item: await readItem(params.id, await readerOf(principal)),
}));

/** Markdown as readers will see it; nothing is stored. */
export const previewNews = route(newsApi.previewNews, async ({ body }) => ({ html: await previewHtml(body.body) }));
