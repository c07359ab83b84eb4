import type { NavItem } from '../nav';

/** The commissions pages in the navigation (only those that work). */
export const COMMISSIONS_NAV: readonly NavItem[] = [
  { href: '/commissions', label: 'cm.nav.commissions', roles: ['partner'] },
  { href: '/rank', label: 'cm.nav.rank', roles: ['partner'] },
  { href: '/volumes', label: 'cm.nav.volumes', roles: ['partner'] },
  { href: '/admin', label: 'cm.nav.admin', roles: ['admin'] },
];
