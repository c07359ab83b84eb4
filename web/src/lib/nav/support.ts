import type { NavItem } from '../nav';

/** The support console in the navigation: its search (a member's account page opens from there). */
export const SUPPORT_NAV: readonly NavItem[] = [
  { href: '/support', label: 'nav.support', roles: ['support', 'admin'] },
];
