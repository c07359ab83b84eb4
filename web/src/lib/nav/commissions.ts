import type { NavItem } from '../nav';

/** The commissions pages in the navigation (only those that work). */
export const COMMISSIONS_NAV: readonly NavItem[] = [];
