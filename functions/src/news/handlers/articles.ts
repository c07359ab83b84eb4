import { newsApi } from '@arbor/shared/api/news';
import { noContent, route } from '../../lib/http.js';
import { articlesPage, createArticle, getArticle, removeArticle, updateArticle } from '../service.js';

export const adminListArticles = route(newsApi.adminListArticles, async ({ query }) =>
  articlesPage(query.limit, query.cursor),
);

export const adminGetArticle = route(newsApi.adminGetArticle, async ({ params }) => ({
  article: await getArticle(params.id),
}));

export const adminCreateArticle = route(newsApi.adminCreateArticle, async ({ body, principal }) => ({
  article: await createArticle(body, principal.memberId),
}));

export const adminUpdateArticle = route(newsApi.adminUpdateArticle, async ({ params, body }) => ({
  article: await updateArticle(params.id, body),
}));

export const adminDeleteArticle = route(newsApi.adminDeleteArticle, async ({ params }) => {
  await removeArticle(params.id);
  return noContent();
});
