import type { Response } from './api';
import { formatDay } from './format';
import { t } from './i18n/index.svelte';

/** News as the API sends it (shared/src/api/news.ts). */
export type NewsSummary = Response<'news.listNews'>['items'][number];
export type NewsItem = Response<'news.getNews'>['item'];
export type Article = Response<'news.adminListArticles'>['items'][number];
export type Note = Response<'news.listMyNotes'>['items'][number];
export type NewsStatus = Article['status'];

/** An ISO time as a `datetime-local` input shows it, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (the browser's time zone) as an ISO time; empty stays empty. */
export const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);

/** "Company" or "From Ana López": who an item comes from. */
export const sourceLabel = (item: Pick<NewsSummary, 'author'>) =>
  item.author ? t('news.from', { name: item.author.name }) : t('news.company');

export const statusLabel = (status: NewsStatus) => t(`news.status.${status}`);

/** The expiry line of an item, if it has one. */
export const untilLabel = (expiresAt: string | null) =>
  expiresAt ? t('news.until', { date: formatDay(expiresAt) }) : '';
