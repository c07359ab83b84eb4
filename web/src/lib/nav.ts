import type { Role } from '@arbor/shared/members/model';
import type { MessageKey } from './i18n/index.svelte';
import { CASES_NAV } from './nav/cases';
import { COMMISSIONS_NAV } from './nav/commissions';
import { NEWS_NAV } from './nav/news';
import { SHOP_NAV } from './nav/shop';
import { SUPPORT_NAV } from './nav/support';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['customer', 'partner', 'support', 'admin'];
const builders: readonly Role[] = ['partner', 'support', 'admin'];

/** Only sections that work are listed; each capability adds its own entries (nav/*.ts). */
export const NAV: readonly NavItem[] = [
  { href: '/', label: 'nav.dashboard', roles: everyone },
  ...SHOP_NAV,
  { href: '/organization', label: 'nav.organization', roles: builders },
  { href: '/team-email', label: 'nav.teamEmail', roles: ['partner'] },
  ...COMMISSIONS_NAV,
  { href: '/enroll', label: 'nav.enroll', roles: builders },
  ...NEWS_NAV,
  ...SUPPORT_NAV,
  ...CASES_NAV,
  { href: '/account', label: 'nav.account', roles: everyone },
];

export const navFor = (role: Role) => NAV.filter((item) => item.roles.includes(role));
