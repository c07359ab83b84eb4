import type { NavItem } from '../nav';

/** The shop pages in the navigation (only those that work). */
export const SHOP_NAV: readonly NavItem[] = [];
