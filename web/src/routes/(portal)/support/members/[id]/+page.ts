import { loadMessages } from '$lib/i18n/index.svelte';

/**
 * A member's account page in the support console: its own words, and those of the pieces its
 * tabs reuse (account forms, staff log labels, order and broadcast statuses). A tab added to
 * $lib/support/member-tabs.ts with a dictionary of its own names that area here too.
 */
export const load = () =>
  loadMessages('support', 'members', 'staff', 'shop', 'comms', 'cases', 'toolbox', 'commissions', 'services');
