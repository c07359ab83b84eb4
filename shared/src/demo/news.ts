import type { NewsAudience, NewsVersions } from '../news/model.js';

/** A demo article or note: its text, its audience, and its dates as days from the demo's "today". */
export interface DemoNews {
  versions: NewsVersions;
  audience: NewsAudience | null;
  publishedDaysAgo: number;
  expiresInDays: number | null;
}

const everyone: NewsAudience = { markets: [], roles: ['customer', 'partner'] };

/** Company articles: the dashboard's "Company News" and the News page show them. */
export const DEMO_ARTICLES: readonly DemoNews[] = [
  {
    versions: {
      en: {
        title: 'Welcome to the new back office',
        body: 'Your orders, your team and your commissions now live in **one place**.\n\n- Track your *smart orders*\n- See your team in both trees\n- Read company news right here',
      },
      es: {
        title: 'Bienvenido a la nueva oficina virtual',
        body: 'Tus pedidos, tu equipo y tus comisiones ahora están en **un solo lugar**.\n\n- Sigue tus *pedidos inteligentes*\n- Ve tu equipo en ambos árboles\n- Lee las noticias de la empresa aquí',
      },
    },
    audience: everyone,
    publishedDaysAgo: 20,
    expiresInDays: null,
  },
  {
    versions: {
      en: {
        title: 'Spring promotion: double points on starter kits',
        body: 'From today until the end of the month every starter kit earns **double PV**. Share the news with your team!',
      },
      es: {
        title: 'Promoción de primavera: puntos dobles en kits de inicio',
        body: 'Desde hoy y hasta fin de mes cada kit de inicio suma **PV doble**. ¡Comparte la noticia con tu equipo!',
      },
    },
    audience: { markets: [], roles: ['partner'] },
    publishedDaysAgo: 3,
    expiresInDays: 27,
  },
  {
    versions: {
      en: {
        title: 'New flavors in the shop',
        body: 'Two new flavors of our daily vitamins are in the shop. [Have a look](/shop).',
      },
      es: {
        title: 'Nuevos sabores en la tienda',
        body: 'Dos nuevos sabores de nuestras vitaminas diarias ya están en la tienda. [Échales un vistazo](/shop).',
      },
    },
    audience: everyone,
    publishedDaysAgo: 1,
    expiresInDays: 60,
  },
  {
    versions: {
      en: {
        title: 'Leadership summit registration opens next week',
        body: 'Save the date: registration for the **leadership summit** opens soon.',
      },
    },
    audience: { markets: [], roles: ['partner'] },
    publishedDaysAgo: -5,
    expiresInDays: 40,
  },
];

/** The founder's note to the whole company below it (every member's upline). */
export const DEMO_NOTE: DemoNews = {
  versions: {
    en: {
      title: 'A word from the founder',
      body: 'Thank you for building this with me. Our monthly team call is on the **first Monday**, 7 pm.',
    },
  },
  audience: null,
  publishedDaysAgo: 2,
  expiresInDays: 30,
};
