import type { Dictionary } from './message';

/** English strings of a member's account page in the support console; the Spanish twin is support.es.ts. */
export default {
  'support.member.title': 'Member account',
  'support.member.back': 'Back to search',
  'support.comingSoon': 'Loading this section…',
  'support.tabs': 'Sections of the member account',
  'support.tab.overview': 'Overview',
  'support.tab.timeline': 'Timeline',
  'support.tab.calls': 'Call log',
  'support.tab.signIns': 'Sign-ins',
  'support.tab.orders': 'Orders',
  'support.tab.broadcasts': 'Broadcasts',
} satisfies Dictionary;
