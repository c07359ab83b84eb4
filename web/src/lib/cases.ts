/**
 * What the case pages share: the API's case types, labels of statuses, priorities and thread
 * entries, and a fresh idempotency key per submit (a double click sends the same key).
 */
import type { Response } from '$lib/api';
import { t, type MessageKey } from '$lib/i18n/index.svelte';
import type { CasePriority, CaseStatus, SlaState, ThreadEntry } from '@arbor/shared/cases/model';

export type DeskCase = Response<'cases.listCases'>['items'][number];
export type StaffCaseDetail = Response<'cases.getCase'>;
export type MyCase = Response<'cases.listMyCases'>['items'][number];
export type MyCaseDetail = Response<'cases.getMyCase'>;

export const statusLabel = (status: CaseStatus) => t(`cases.status.${status}` as MessageKey);
export const priorityLabel = (priority: CasePriority) => t(`cases.priority.${priority}` as MessageKey);
export const slaLabel = (sla: SlaState) => t(`cases.sla.${sla}` as MessageKey);
export const sourceLabel = (source: DeskCase['source']) => t(`cases.source.${source}` as MessageKey);

/** A key for one submit of a form: made when the form is (re)opened, kept across retries of that submit. */
export const newRequestKey = () => crypto.randomUUID().replace(/-/g, '');

const CHANGE_KINDS = new Set(['status', 'priority']);

/** The line above a thread entry: who did what (statuses and priorities in the reader's language). */
export function entryHeading(entry: ThreadEntry, you?: string): string {
  const actor = entry.actorName ?? (entry.actorId === null ? t('cases.entry.support') : t('cases.entry.someone'));
  const who = you && entry.actorId === you ? t('cases.my.you') : actor;
  const word = (value: string | null) => {
    if (value === null) return t('cases.unassigned');
    if (CHANGE_KINDS.has(entry.kind)) {
      return entry.kind === 'status' ? statusLabel(value as CaseStatus) : priorityLabel(value as CasePriority);
    }
    return value;
  };
  return t(`cases.entry.${entry.kind}` as MessageKey, { actor: who, from: word(entry.from), to: word(entry.to) });
}
