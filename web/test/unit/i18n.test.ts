import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { DEFAULT_LEVELS } from '@arbor/shared/company';
import { AREAS, type Area } from '../../src/lib/i18n/areas';
import type { t as translate } from '../../src/lib/i18n/index.svelte';
import {
  INTL_LOCALES,
  pluralForm,
  render,
  type Dictionary,
  type Locale,
  type Message,
} from '../../src/lib/i18n/message';

const LOCALES = Object.keys(INTL_LOCALES) as Locale[];
const areas = Object.keys(AREAS) as Area[];
const dictionaries = Object.fromEntries(
  await Promise.all(
    areas.map(async (area) => [
      area,
      Object.fromEntries(
        await Promise.all(LOCALES.map(async (locale) => [locale, (await AREAS[area][locale]()).default as Dictionary])),
      ),
    ]),
  ),
) as Record<Area, Record<Locale, Dictionary>>;

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message: Message) =>
  [...new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();
const shape = (dictionary: Dictionary) =>
  Object.entries(dictionary)
    .map(([key, message]) => ({ key, plural: typeof message !== 'string', placeholders: placeholders(message) }))
    .sort((a, b) => a.key.localeCompare(b.key));

describe('dictionaries', () => {
  it.each(areas)(
    '%s: Spanish has every English key, with its placeholders and its plural, and nothing else',
    (area) => {
      const { en, es } = dictionaries[area];
      expect(Object.keys(en).length).toBeGreaterThan(0);
      expect(shape(es)).toEqual(shape(en));
    },
  );

  it('keeps each key in one area (all loaded areas share one map)', () => {
    const seen = new Map<string, Area>();
    const twice: string[] = [];
    for (const area of areas) {
      for (const key of Object.keys(dictionaries[area].en)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${area})`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it.each(LOCALES)('%s: a plural has a form for each category the language uses for whole counts', (locale) => {
    const rules = new Intl.PluralRules(INTL_LOCALES[locale]);
    const needed = [...new Set(Array.from({ length: 1000 }, (_, n) => rules.select(n)))].sort();
    const known = rules.resolvedOptions().pluralCategories;
    const wrong: string[] = [];
    for (const area of areas) {
      for (const [key, message] of Object.entries(dictionaries[area][locale])) {
        if (typeof message === 'string') continue;
        const categories = Object.keys(message);
        const missing = needed.filter((category) => !categories.includes(category));
        const unknown = categories.filter((category) => !(known as string[]).includes(category));
        if (missing.length || unknown.length) wrong.push(`${key}: missing ${missing}, unknown ${unknown}`);
      }
    }
    expect(needed).toEqual(['one', 'other']);
    expect(wrong).toEqual([]);
  });

  it('translates every rank name of the default plan and every default membership level', () => {
    for (const locale of LOCALES) {
      const core = dictionaries.core[locale];
      for (const rank of DEFAULT_PLAN.ranks)
        expect(core, `${locale} ${rank.name}`).toHaveProperty([`rankName.${rank.name}`]);
      for (const level of DEFAULT_LEVELS)
        expect(core, `${locale} ${level.code}`).toHaveProperty([`level.${level.code}`]);
    }
    // English shows the default names as the plan and the levels spell them.
    for (const rank of DEFAULT_PLAN.ranks) expect(dictionaries.core.en[`rankName.${rank.name}`]).toBe(rank.name);
    for (const level of DEFAULT_LEVELS) expect(dictionaries.core.en[`level.${level.code}`]).toBe(level.name);
    expect(dictionaries.core.es['rankName.Gold']).toBe('Oro');
  });
});

describe('plural forms', () => {
  const products = { one: '1 product', other: '{count} products' };

  it('picks the form of the count’s category, Intl.PluralRules deciding', () => {
    expect(pluralForm(products, 'en-US', 1)).toBe('1 product');
    expect(pluralForm(products, 'en-US', 0)).toBe('{count} products');
    expect(pluralForm(products, 'en-US', 2)).toBe('{count} products');
    expect(pluralForm({ one: 'un', many: 'muchos', other: 'otros' }, 'es-MX', 1_000_000)).toBe('muchos');
  });

  it('falls back to `other` for a category the message leaves out', () => {
    expect(render({ one: '1 producto', other: '{count} productos' }, 'es-MX', { count: 1_000_000 })).toBe(
      '1,000,000 productos',
    );
  });

  it('shows the count formatted for the language, other numbers as given', () => {
    expect(render(products, 'en-US', { count: 1234 })).toBe('1,234 products');
    expect(render('Week {week}, {year}', 'en-US', { week: 47, year: 2026 })).toBe('Week 47, 2026');
    expect(render('{done} of {total}', 'en-US', { done: 3 })).toBe('3 of {total}');
  });

  it('reads right in both languages for the messages that count', () => {
    const say = (area: Area, locale: Locale, key: string, params: Record<string, string | number>) =>
      render(dictionaries[area][locale][key]!, INTL_LOCALES[locale], params);
    expect(say('shop', 'en', 'shop.products', { count: 1 })).toBe('1 product');
    expect(say('shop', 'es', 'shop.products', { count: 12 })).toBe('12 productos');
    expect(say('core', 'es', 'signIn.locked', { count: 1 })).toContain('en 1 minuto ');
    expect(say('core', 'en', 'table.rows', { count: 2500 })).toBe('2,500 rows');
    expect(say('organization', 'es', 'placement.daysLeft', { count: 1 })).toBe('queda 1 día');
    expect(say('commissions', 'es', 'cm.req.legsMissing', { count: 2, rank: 'Plata' })).toBe(
      'Faltan 2 piernas más con Plata o más',
    );
  });
});

// Compile-time checks: svelte-check type-checks this file, and each call below must not type.
declare const t: typeof translate;
export function typeChecks(): string[] {
  // @ts-expect-error a key that English does not have
  t('shop.noSuchKey');
  // @ts-expect-error a plural message needs its count
  t('shop.products');
  // @ts-expect-error the count is a number (t formats it), not formatted text
  t('shop.products', { count: '3' });
  return [t('shop.products', { count: 3 }), t('shop.title'), t('header.memberId', { id: '1001' })];
}
