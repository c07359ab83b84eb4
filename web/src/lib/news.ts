import type { Response } from './api';
import { formatDay } from './format';
import { apiFieldErrors, focusFirstInvalid, formError, type FieldErrors } from './forms';
import { t } from './i18n/index.svelte';
import type { Column } from './table';

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

/** The status and dates columns of a list of articles or notes. */
export function windowColumns<Row extends Pick<Article, 'status' | 'publishAt' | 'expiresAt'>>(): Column<Row>[] {
  return [
    {
      key: 'status',
      label: t('news.col.status'),
      value: (r) => r.status,
      text: (r) => statusLabel(r.status),
      filter: true,
    },
    { key: 'publishAt', label: t('news.col.publishAt'), type: 'datetime', value: (r) => r.publishAt },
    { key: 'expiresAt', label: t('news.col.expiresAt'), type: 'datetime', value: (r) => r.expiresAt },
  ];
}

/**
 * Sends an article or note form: null when it went through, else the fields the server named and
 * a message for the form (the first bad field gets the focus).
 */
export async function sendNewsForm(
  form: HTMLElement | undefined,
  send: () => Promise<unknown>,
): Promise<{ errors: FieldErrors; problem: string } | null> {
  try {
    await send();
    return null;
  } catch (error) {
    const errors = apiFieldErrors(error);
    setTimeout(() => focusFirstInvalid(form));
    return { errors, problem: Object.keys(errors).length ? t('news.form.fixErrors') : formError(error) };
  }
}
