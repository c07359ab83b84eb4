/**
 * The app's words in the member's language: `t('shop.title')`, `t('shop.products', { count })`.
 *
 * How the strings are kept
 * - Each key lives in one area, a pair of files: `en.ts` / `es.ts` is `core` (the shell, sign-in,
 *   and the widgets several areas share: forms, addresses, tables, exports, charts, member search);
 *   every other area is `<area>.en.ts` / `<area>.es.ts` (shop, commissions, staff, …), listed in
 *   `AREAS` in `areas.ts`. Keys are unique across areas.
 * - English is the reference: a key missing from the English files is a type error at `t()`; each
 *   Spanish file `satisfies Translation<typeof en>` (every key, nothing else), and
 *   web/test/unit/i18n.test.ts also compares keys and placeholders of every pair.
 * - A message is a string with `{name}` placeholders, or, when it counts something, a plural:
 *   `{ one: '1 product', other: '{count} products' }`, whose form `Intl.PluralRules` picks for the
 *   numeric `count` param (message.ts). Never two keys for one and many.
 * - Only the current language of the areas a page shows is downloaded, before the page renders:
 *   the root layout loads `core`, and each route's `+layout.ts` / `+page.ts` loads its areas with
 *   `export const load = () => loadMessages('shop')`. web/test/unit/i18n-routes.test.ts fails when a
 *   page (or a component it imports) uses a key of an area its route does not load. A language
 *   switch first loads the new language of every area in use, then re-renders.
 * - A new area (an admin Integrations page, say): add `integrations.en.ts` / `integrations.es.ts`,
 *   add it to `AREAS` in `areas.ts`, and load it in the route's `load`. A key the shell or several
 *   areas show belongs in core.
 */
import { AREAS, type Area, type MessageKey, type PluralKey } from './areas';
import { INTL_LOCALES, render, type Locale, type Message, type Params } from './message';

export type { Area, Locale, MessageKey };

export const LOCALES: { code: Locale; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
];

const STORAGE_KEY = 'arbor.locale';

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'es') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

let current = $state<Locale>(initialLocale());
/** Counts dictionaries as they arrive: text that `t()` rendered before its area came fills in. */
let arrivals = $state(0);

// Bookkeeping, not state: `current` and `arrivals` are what renders read.
/** The messages loaded so far, per language: every loaded area's in one map. */
const messages: Record<Locale, Record<string, Message>> = { en: {}, es: {} };
/** Each area's download per language (`es/shop`), so each happens once. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, see above
const downloads = new Map<string, Promise<void>>();
/** The areas the pages shown so far use: a language switch loads all of them. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, see above
const inUse = new Set<Area>();

function download(area: Area, locale: Locale): Promise<void> {
  const id = `${locale}/${area}`;
  let done = downloads.get(id);
  if (!done) {
    done = AREAS[area][locale]().then((module) => {
      Object.assign(messages[locale], module.default);
      arrivals += 1;
    });
    // A failed download (offline, a deploy replaced the chunk) is tried again by the next caller.
    done.catch(() => downloads.delete(id));
    downloads.set(id, done);
  }
  return done;
}

/** Loads the areas' messages in the current language; a route's `load` awaits it, so its page renders with words. */
export async function loadMessages(...areas: Area[]): Promise<void> {
  for (const area of areas) inUse.add(area);
  // The language can change while this waits: then the new language's are loaded too.
  for (let locale = current; ; locale = current) {
    await Promise.all(areas.map((area) => download(area, locale)));
    if (locale === current) return;
  }
}

let switches = 0;

export const i18n = {
  get locale(): Locale {
    return current;
  },
  /**
   * Switches once the new language's messages of every area in use are here, so no key shows.
   * `remember` false applies a member's saved language without overriding an explicit choice later.
   */
  async set(locale: Locale, remember = true): Promise<void> {
    const request = ++switches;
    await Promise.all([...inUse].map((area) => download(area, locale)));
    if (request !== switches) return; // a later switch wins
    current = locale;
    document.documentElement.lang = locale;
    if (remember) localStorage.setItem(STORAGE_KEY, locale);
  },
  hasExplicitChoice: () => localStorage.getItem(STORAGE_KEY) !== null,
};

/** A plural message needs its `count`, a number; other params are optional. */
type ParamsOf<K extends MessageKey> = K extends PluralKey ? [params: Params & { count: number }] : [params?: Params];

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- which missing keys were logged, not state
const reported = new Set<string>();

/** `t('dashboard.welcome', { name })`: reactive, since it reads the current language. */
export function t<K extends MessageKey>(key: K, ...[params]: ParamsOf<K>): string {
  void arrivals;
  const message = messages[current][key];
  if (message === undefined) {
    if (import.meta.env.DEV && !reported.has(key)) {
      reported.add(key);
      console.warn(`i18n: '${key}' is not loaded; load its area in the route's load (see i18n/index.svelte.ts)`);
    }
    return key;
  }
  return render(message, INTL_LOCALES[current], params);
}

/** Whether a key built at run time (from a server's code) is a message of a loaded area. */
export function hasMessage(key: string): key is MessageKey {
  void arrivals;
  return Object.hasOwn(messages[current], key);
}

export function formatDate(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[current], options).format(Date.parse(iso));
}

export function formatDateTime(iso: string): string {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}
