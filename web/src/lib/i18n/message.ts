/**
 * What a message is and how it is filled in. Pure (no Svelte state), so unit tests and the
 * dictionaries can import it.
 */

export type Locale = 'en' | 'es';

/** The Intl locale of each language: Spanish is the Latin American (Mexican) variant. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-US', es: 'es-MX' };

/**
 * A message with a count: one form per plural category of the language (`one`, `few`, `many`, …,
 * as `Intl.PluralRules` names them); `other` is required and stands in for any category left out.
 */
export type Plural = { readonly [Category in Intl.LDMLPluralRule]?: string } & { readonly other: string };

export type Message = string | Plural;

export type Dictionary = Readonly<Record<string, Message>>;

/** A translation of an English dictionary: every key, and plural forms wherever English has them. */
export type Translation<English extends Dictionary> = {
  readonly [Key in keyof English]: English[Key] extends string ? string : Plural;
};

export type Params = Readonly<Record<string, string | number>>;

const pluralRules = new Map<string, Intl.PluralRules>();
const countFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let value = cache.get(locale);
  if (!value) cache.set(locale, (value = make(locale)));
  return value;
}

/** The form of `message` for `count` in `locale`: the one of the count's plural category, else `other`. */
export function pluralForm(message: Plural, locale: string, count: number): string {
  const category = cached(pluralRules, locale, (l) => new Intl.PluralRules(l)).select(count);
  return message[category] ?? message.other;
}

/**
 * Fills `{name}` placeholders from `params` (a missing one stays as written). A plural message
 * picks its form by `params.count` and shows that count formatted for the locale (1,234).
 */
export function render(message: Message, locale: string, params: Params = {}): string {
  const plural = typeof message !== 'string';
  const count = Number(params.count);
  const template = plural ? pluralForm(message, locale, count) : message;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (plural && name === 'count') return cached(countFormats, locale, (l) => new Intl.NumberFormat(l)).format(count);
    return String(value);
  });
}
