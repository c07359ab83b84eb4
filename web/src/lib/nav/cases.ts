import type { NavItem } from '../nav';

/** Help in the navigation: a member's own requests to support (the staff case desk is in nav/support.ts). */
export const CASES_NAV: readonly NavItem[] = [{ href: '/help', label: 'nav.help', roles: ['customer', 'partner'] }];
