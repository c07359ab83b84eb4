import type { Dictionary } from './message';

/** English strings of the support console's search and its staff-only frame; the Spanish twin is support-search.es.ts. */
export default {
  'console.staffOnly.title': 'Support console',
  'console.staffOnly.message': 'The support console is for the support team. Nothing here is open to your account.',

  'console.search.title': 'Find a member',
  'console.search.label': 'Search members',
  'console.search.placeholder': 'ID, username, email, name, phone, company or card last 4',
  'console.search.hint':
    'One box finds anyone: member ID, username, email, first or last name or both in any order, the last digits of a phone, company name, or the last 4 digits of a saved card. Accents and capitals do not matter; the start of a word is enough.',
  'console.search.submit': 'Search',
  'console.search.searching': 'Searching…',
  'console.search.failed': 'The search failed. Try again.',
  'console.search.none': 'Nobody matches “{query}”. Check the spelling, or try the email, the phone or the member ID.',
  'console.search.results': {
    one: '{count} member shown for “{query}”',
    other: '{count} members shown for “{query}”',
  },
  'console.search.more': 'More results',
  'console.search.caption': 'Members matching “{query}”, best match first',
  'console.search.col.member': 'Member',
  'console.search.col.match': 'Matched on',
  'console.search.col.kind': 'Kind',
  'console.search.col.status': 'Status',
  'console.search.col.rank': 'Paid rank',
  'console.search.col.email': 'Email',
  'console.search.col.market': 'Market',
  'console.search.matchedOn.id': 'Member ID',
  'console.search.matchedOn.username': 'Username',
  'console.search.matchedOn.email': 'Email',
  'console.search.matchedOn.name': 'Name',
  'console.search.matchedOn.phone': 'Phone',
  'console.search.matchedOn.company': 'Company',
  'console.search.matchedOn.card': 'Card',
  'console.search.memberId': 'ID {id}',
} as const satisfies Dictionary;
