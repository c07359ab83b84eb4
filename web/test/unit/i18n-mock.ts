/**
 * Stands in for the i18n module (which holds Svelte state) in unit tests:
 *   vi.mock('../../src/lib/i18n/index.svelte', () => import('./i18n-mock'));
 * `t` answers the key and its params, so a test sees which message was chosen and with what;
 * `hasMessage` knows the real English keys of every area.
 */
import { AREAS } from '../../src/lib/i18n/areas';

const english: Record<string, unknown> = Object.assign(
  {},
  ...(await Promise.all(Object.values(AREAS).map(async (area) => (await area.en()).default))),
);

export const i18n = { locale: 'en' };

export const t = (key: string, params: Record<string, unknown> = {}) =>
  Object.keys(params).length ? `${key} ${JSON.stringify(params)}` : key;

export const hasMessage = (key: string) => Object.hasOwn(english, key);
