import { en, type MessageKey } from './en';
import { es } from './es';

export type Locale = 'en' | 'es';
export const LOCALES: { code: Locale; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
];

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = 'arbor.locale';

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'es') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

let current = $state<Locale>(initialLocale());

export const i18n = {
  get locale(): Locale {
    return current;
  },
  /** `remember` false applies a member's saved language without overriding an explicit choice later. */
  set(locale: Locale, remember = true) {
    current = locale;
    if (remember) localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
  },
  hasExplicitChoice: () => localStorage.getItem(STORAGE_KEY) !== null,
};

/** `t('dashboard.welcome', { name })`: reactive, since it reads the current locale. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function formatDate(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(current === 'es' ? 'es-MX' : 'en-US', options).format(Date.parse(iso));
}

export function formatDateTime(iso: string): string {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}
