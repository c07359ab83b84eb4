/**
 * Every area's dictionaries, one module per language. Each is imported only here and only
 * dynamically, so each is its own chunk and a page downloads the languages and areas it shows.
 */
import type { Dictionary, Locale } from './message';

export const AREAS = {
  core: { en: () => import('./en'), es: () => import('./es') },
  dashboard: { en: () => import('./dashboard.en'), es: () => import('./dashboard.es') },
  members: { en: () => import('./members.en'), es: () => import('./members.es') },
  organization: { en: () => import('./organization.en'), es: () => import('./organization.es') },
  shop: { en: () => import('./shop.en'), es: () => import('./shop.es') },
  commissions: { en: () => import('./commissions.en'), es: () => import('./commissions.es') },
  staff: { en: () => import('./staff.en'), es: () => import('./staff.es') },
  developers: { en: () => import('./developers.en'), es: () => import('./developers.es') },
  integrations: { en: () => import('./integrations.en'), es: () => import('./integrations.es') },
  news: { en: () => import('./news.en'), es: () => import('./news.es') },
  comms: { en: () => import('./comms.en'), es: () => import('./comms.es') },
  support: { en: () => import('./support.en'), es: () => import('./support.es') },
  toolbox: { en: () => import('./toolbox.en'), es: () => import('./toolbox.es') },
  supportSearch: { en: () => import('./support-search.en'), es: () => import('./support-search.es') },
  cases: { en: () => import('./cases.en'), es: () => import('./cases.es') },
  services: { en: () => import('./services.en'), es: () => import('./services.es') },
} satisfies Record<string, Record<Locale, () => Promise<{ default: Dictionary }>>>;

export type Area = keyof typeof AREAS;

type English<A extends Area> = Awaited<ReturnType<(typeof AREAS)[A]['en']>>['default'];

/** Every key of every English dictionary: `t()` refuses any other (a type error in svelte-check). */
export type MessageKey = { [A in Area]: keyof English<A> & string }[Area];

/** The keys whose English message has plural forms: `t()` needs a numeric `count` for them. */
export type PluralKey = {
  [A in Area]: { [K in keyof English<A>]: English<A>[K] extends string ? never : K }[keyof English<A>] & string;
}[Area];
