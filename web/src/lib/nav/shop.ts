import type { NavItem } from '../nav';

/** The shop pages in the navigation (only those that work). */
export const SHOP_NAV: readonly NavItem[] = [
  { href: '/shop', label: 'nav.shop', roles: ['customer', 'partner', 'support', 'admin'] },
  { href: '/orders', label: 'nav.orders', roles: ['customer', 'partner', 'support', 'admin'] },
  { href: '/smart-order', label: 'nav.smartOrder', roles: ['customer', 'partner', 'support', 'admin'] },
];
