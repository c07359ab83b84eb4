import type { Dictionary } from './message';

/** English strings of the dashboard. The Spanish twin is dashboard.es.ts. */
export default {
  'dashboard.title': 'Dashboard',
  'dashboard.welcome': 'Welcome back, {name}',
  'dashboard.memberId': 'Member ID',
  'dashboard.rank': 'Rank',
  'dashboard.highestRank': 'Highest rank',
  'dashboard.status': 'Status',
  'dashboard.market': 'Market',
  'dashboard.role': 'Role',
  'dashboard.newAccount': 'Welcome! Your account is ready and you are signed in.',
  'dashboard.newPartners': 'New partners',
  'dashboard.allNewPartners': 'See all new partners',
  'dashboard.noNewPartners': 'No new partners in your team yet.',
} as const satisfies Dictionary;
