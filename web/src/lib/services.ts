/**
 * Services and reward points in the web app (docs/services.md): the words of a status or a
 * ledger movement, and a service's or tier's name in the reader's language.
 */
import type { Response } from './api';
import { i18n, t } from './i18n/index.svelte';

export type HeldService = Response<'services.memberServices'>['items'][number];
export type PointsLine = Response<'services.memberPoints'>['items'][number];
export type ServiceDefinition = Response<'services.listServices'>['items'][number];

export const statusLabel = (status: HeldService['status']) => t(`services.status.${status}`);
export const kindLabel = (kind: PointsLine['kind']) => t(`services.points.kind.${kind}`);

/** A name given in both languages, in the reader's. */
export const localized = (text: { en: string; es: string }) => (i18n.locale === 'es' ? text.es : text.en);
