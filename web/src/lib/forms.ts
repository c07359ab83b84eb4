/**
 * Form errors in one shape, whether they come from the shared zod schema in the browser or from
 * the server's `error.details[]` (`body.address.city`): a map from the field path without the
 * `body.` prefix (`address.city`, `contacts.phones.0.number`) to a message in the member's language.
 */
import type { z } from 'zod';
import { ApiError } from './api';
import { hasMessage, t } from './i18n/index.svelte';

export type FieldErrors = Record<string, string>;

/** The last segment that names the field (`contacts.phones.0.number` -> `number`). */
const fieldName = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop() ?? path;

const URL_FIELDS = new Set(['website', 'facebook', 'instagram', 'tiktok', 'youtube', 'x']);

/**
 * A message in the member's language for a failed rule on a field. Format rules use the field's own
 * explanation (`form.format.phone`); other rules their generic one (`form.rule.taken`); anything
 * unknown keeps the server's English text, which is still better than nothing.
 */
export function fieldMessage(
  path: string,
  rule: string | undefined,
  fallback: string,
  limits: { minimum?: number; maximum?: number } = {},
): string {
  const name = fieldName(path);
  if (rule === 'too_small' && (limits.minimum ?? 1) <= 1) return t('form.rule.required');
  if (rule === 'too_small' && limits.minimum !== undefined) return t('form.rule.tooShort', { min: limits.minimum });
  if (rule === 'too_big' && limits.maximum !== undefined) return t('form.rule.tooLong', { max: limits.maximum });
  if (rule === 'invalid_format' || rule === 'custom' || rule === 'invalid_type' || rule === 'invalid_value') {
    const key = URL_FIELDS.has(name) ? 'form.format.url' : `form.format.${name}`;
    if (hasMessage(key)) return t(key);
    if (rule === 'invalid_type') return t('form.rule.required');
  }
  const ruleKey = `form.rule.${rule ?? ''}`;
  if (rule && hasMessage(ruleKey)) return t(ruleKey);
  return fallback.replace(/^[\w.]+:\s*/, '');
}

/** The first problem of each field, from a zod parse of the form's body. */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (errors[path]) continue;
    const limits = issue as { minimum?: number | bigint; maximum?: number | bigint };
    errors[path] = fieldMessage(path, issue.code, issue.message, {
      ...(limits.minimum !== undefined ? { minimum: Number(limits.minimum) } : {}),
      ...(limits.maximum !== undefined ? { maximum: Number(limits.maximum) } : {}),
    });
  }
  return errors;
}

/** Field errors the server named (400 validation, 409 taken, 422 rules); empty when it named none. */
export function apiFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    if (!detail.field) continue;
    const path = detail.field.replace(/^(body|query|params)\.?/, '');
    if (!path || errors[path]) continue;
    // The limit is in the text after the field path (which may hold digits itself: `phones.0.number`).
    const numbers = /(\d+)/.exec(detail.message.replace(/^[\w.]+:\s*/, ''))?.[1];
    const limit = numbers ? Number(numbers) : undefined;
    errors[path] = fieldMessage(path, detail.rule, detail.message, {
      ...(detail.rule === 'too_small' && limit !== undefined ? { minimum: limit } : {}),
      ...(detail.rule === 'too_big' && limit !== undefined ? { maximum: limit } : {}),
    });
  }
  return errors;
}

/** A message for the whole form when the server did not point at a field. */
export function formError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('common.error');
  const key = `apiError.${error.code}`;
  if (hasMessage(key)) return t(key);
  if (error.status === 0 || error.status >= 500) return t('common.error');
  return error.message || t('common.error');
}

/** Ids for aria-describedby: the hint and the error of a field, when shown. */
export function describedBy(id: string, options: { hint?: boolean; error?: string | undefined }): string | undefined {
  const ids = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Moves focus to the first field marked invalid in `root` (after a failed submit). */
export function focusFirstInvalid(root: HTMLElement | undefined): void {
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field) {
    field.focus();
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

/** Errors of one nested object (`address.` -> `{ city: … }`), for a sub-form component. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  const start = `${prefix}.`;
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(start)) out[path.slice(start.length)] = message;
  return out;
}

/** A string trimmed, or undefined when blank: optional fields are left out of a body, not sent empty. */
export const optional = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
