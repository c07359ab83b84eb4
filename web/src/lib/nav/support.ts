import type { NavItem } from '../nav';

/** The support console in the navigation: its search (a member's account page opens from there) and the case desk. */
export const SUPPORT_NAV: readonly NavItem[] = [
  { href: '/support', label: 'nav.support', roles: ['support', 'admin'] },
  { href: '/support/cases', label: 'nav.cases', roles: ['support', 'admin'] },
];
