import type { NavItem } from '../nav';

/** The news pages in the navigation: the archive for everyone, a partner's notes to its team. */
export const NEWS_NAV: readonly NavItem[] = [
  { href: '/news', label: 'nav.news', roles: ['customer', 'partner', 'support', 'admin'] },
  { href: '/news/notes', label: 'nav.myNotes', roles: ['partner'] },
];
